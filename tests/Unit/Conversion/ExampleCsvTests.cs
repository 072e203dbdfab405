using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ContactsModule.Conversion;
using Xunit;

namespace ContactsModule.Tests.Conversion
{
    /// <summary>
    /// Runs examples/contacts.csv through the converters and checks that exactly the rows that
    /// examples/README.md lists as invalid fail, in the column it names, and that the one duplicate
    /// it lists is the only one.
    /// </summary>
    public class ExampleCsvTests
    {
        private static string ExamplesDirectory()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null)
            {
                var candidate = Path.Combine(dir.FullName, "examples", "contacts.csv");
                if (File.Exists(candidate)) return Path.GetDirectoryName(candidate);
                dir = dir.Parent;
            }
            throw new InvalidOperationException("examples/contacts.csv not found above " + AppContext.BaseDirectory);
        }

        private static (string[] Header, List<string[]> Rows) ReadCsv()
        {
            var bytes = File.ReadAllBytes(Path.Combine(ExamplesDirectory(), "contacts.csv"));
            Assert.True(bytes.Length > 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "contacts.csv must start with a UTF-8 BOM");
            var text = new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
            var records = Csv.Parse(text);
            return (records[0], records.Skip(1).ToList());
        }

        private static Dictionary<int, string> ReadmeInvalidRows()
        {
            var readme = File.ReadAllText(Path.Combine(ExamplesDirectory(), "README.md"));
            var section = readme.Substring(readme.IndexOf("### Rows that must not import", StringComparison.Ordinal));
            section = section.Substring(0, section.IndexOf("### Duplicate", StringComparison.Ordinal));
            return Regex.Matches(section, @"^\| (\d+) \| [^|]+ \| ([^|]+?) \|", RegexOptions.Multiline)
                .Cast<Match>()
                .ToDictionary(m => int.Parse(m.Groups[1].Value), m => m.Groups[2].Value.Trim());
        }

        private static Dictionary<int, int> ReadmeDuplicates()
        {
            var readme = File.ReadAllText(Path.Combine(ExamplesDirectory(), "README.md"));
            var section = readme.Substring(readme.IndexOf("### Duplicate", StringComparison.Ordinal));
            return Regex.Matches(section, @"^\| (\d+) \| [^|]+ \| [^|]+ \| row (\d+)", RegexOptions.Multiline)
                .Cast<Match>()
                .ToDictionary(m => int.Parse(m.Groups[1].Value), m => int.Parse(m.Groups[2].Value));
        }

        private static List<(string Column, string Reason)> Problems(string[] header, string[] row)
        {
            string Cell(string column) => CellText.Clean(row[Array.IndexOf(header, column)]);
            var problems = new List<(string, string)>();

            if (!EmailAddressText.TryNormalize(Cell("Email"), out _, out var r)) problems.Add(("Email", r));
            if (!CountryCodes.TryResolve(Cell("Country"), out var country, out r)) problems.Add(("Country", r));
            if (!PhoneNumberNormalizer.TryNormalize(Cell("Phone"), country, out _, out r)) problems.Add(("Phone", r));
            if (!TimeZoneNames.TryResolve(Cell("Time Zone"), out _, out r)) problems.Add(("Time Zone", r));
            if (!DateOfBirthText.TryParse(Cell("Date of Birth"), out _, out r)) problems.Add(("Date of Birth", r));
            if (!WebsiteText.TryNormalize(Cell("Website"), out _, out r)) problems.Add(("Website", r));
            foreach (var dnd in new[] { "DND", "DND SMS", "DND Email" })
            {
                if (!DndStatusText.TryParse(Cell(dnd), out _, out r)) problems.Add((dnd, r));
            }
            return problems;
        }

        [Fact]
        public void Has_50_rows_of_19_columns_with_the_documented_header()
        {
            var (header, rows) = ReadCsv();
            Assert.Equal(
                "First Name,Last Name,Email,Phone,Company,Address,City,State,Zip,Country,Time Zone,Date of Birth,Website,Tags,Source,DND,DND SMS,DND Email,customField.favorite_color",
                string.Join(",", header));
            Assert.Equal(50, rows.Count);
            Assert.All(rows, row => Assert.Equal(19, row.Length));
        }

        [Fact]
        public void Exactly_the_rows_the_readme_lists_are_invalid_in_the_column_it_names()
        {
            var (header, rows) = ReadCsv();
            var expected = ReadmeInvalidRows();
            Assert.Equal(5, expected.Count);

            var actual = new Dictionary<int, string>();
            for (int i = 0; i < rows.Count; i++)
            {
                var problems = Problems(header, rows[i]);
                if (problems.Count == 0) continue;
                Assert.True(problems.Count == 1, "Row " + (i + 1) + " has more than one problem: " + string.Join("; ", problems));
                actual[i + 1] = problems[0].Column;
            }

            Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
        }

        [Fact]
        public void The_invalid_rows_fail_for_the_documented_reasons()
        {
            var (header, rows) = ReadCsv();
            string ReasonOf(int row) => Problems(header, rows[row - 1]).Single().Reason;
            Assert.Equal("is not a known country name or code. Use a two-letter code such as US or DE.", ReasonOf(19));
            Assert.Equal("is too short for a +1 number.", ReasonOf(21));
            Assert.Equal("has an invalid domain after the @ (use a domain such as example.com).", ReasonOf(25));
            Assert.Equal("is not a DND status. Use active, inactive or permanent, or yes/no.", ReasonOf(27));
            Assert.Equal("is not a known IANA time zone (such as America/New_York) or Windows time zone id.", ReasonOf(30));
        }

        [Fact]
        public void The_only_duplicate_email_is_the_one_the_readme_lists()
        {
            var (header, rows) = ReadCsv();
            var firstRowByEmail = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var duplicates = new Dictionary<int, int>();
            for (int i = 0; i < rows.Count; i++)
            {
                var raw = CellText.Clean(rows[i][Array.IndexOf(header, "Email")]);
                if (!EmailAddressText.TryNormalize(raw, out var email, out _) || email == null) continue;
                if (firstRowByEmail.TryGetValue(email, out var first)) duplicates[i + 1] = first;
                else firstRowByEmail[email] = i + 1;
            }

            Assert.Equal(ReadmeDuplicates(), duplicates);
            Assert.Equal(new Dictionary<int, int> { [45] = 1 }, duplicates);
            var row1 = rows[0][Array.IndexOf(header, "Email")];
            var row45 = rows[44][Array.IndexOf(header, "Email")];
            Assert.NotEqual(row1, row45);
            Assert.Equal(row1, row45, StringComparer.OrdinalIgnoreCase);
        }

        [Fact]
        public void Valid_rows_convert_to_the_expected_values()
        {
            var (header, rows) = ReadCsv();
            string Cell(int row, string column) => rows[row - 1][Array.IndexOf(header, column)];

            Assert.True(CountryCodes.TryResolve(Cell(1, "Country"), out var us, out _));
            Assert.Equal("US", us);
            Assert.True(PhoneNumberNormalizer.TryNormalize(Cell(1, "Phone"), us, out var phone, out _));
            Assert.Equal("+15550101234", phone);
            Assert.Equal(new[] { "vip", "newsletter", "2024" }, TagList.Parse(Cell(1, "Tags")));
            Assert.True(DateOfBirthText.TryParse(Cell(1, "Date of Birth"), out var dob, out _));
            Assert.Equal("1985-04-12", dob);
            Assert.Equal("Bennett & Sons, LLC", Cell(1, "Company"));

            Assert.True(PhoneNumberNormalizer.TryNormalize(Cell(3, "Phone"), "DE", out var de, out _));
            Assert.Equal("+49301234567", de);
            Assert.True(PhoneNumberNormalizer.TryNormalize(Cell(4, "Phone"), "GB", out var gb, out _));
            Assert.Equal("+442079460001", gb);
            Assert.Equal("\"The Old Mill\", 4 River Lane", Cell(4, "Address"));

            Assert.True(TimeZoneNames.TryResolve(Cell(9, "Time Zone"), out var tz, out _));
            Assert.Equal("America/New_York", tz);
            Assert.Equal(new[] { "uk", "newsletter" }, TagList.Parse(Cell(17, "Tags")));
            Assert.Equal("山田", Cell(5, "Last Name"));
            Assert.Equal("🦄", Cell(6, "First Name"));
        }

        /// <summary>A small RFC 4180 reader: quoted fields, doubled quotes, commas and newlines in quotes.</summary>
        private static class Csv
        {
            public static List<string[]> Parse(string text)
            {
                var records = new List<string[]>();
                var fields = new List<string>();
                var field = new StringBuilder();
                bool inQuotes = false, any = false;
                for (int i = 0; i < text.Length; i++)
                {
                    var c = text[i];
                    if (inQuotes)
                    {
                        if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                        else if (c == '"') inQuotes = false;
                        else field.Append(c);
                        continue;
                    }
                    switch (c)
                    {
                        case '"': inQuotes = true; any = true; break;
                        case ',': fields.Add(field.ToString()); field.Clear(); any = true; break;
                        case '\r': break;
                        case '\n':
                            fields.Add(field.ToString()); field.Clear();
                            records.Add(fields.ToArray()); fields.Clear(); any = false;
                            break;
                        default: field.Append(c); any = true; break;
                    }
                }
                if (any || field.Length > 0) { fields.Add(field.ToString()); records.Add(fields.ToArray()); }
                return records;
            }
        }
    }
}
