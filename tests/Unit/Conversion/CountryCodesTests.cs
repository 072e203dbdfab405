using System.Linq;
using ContactsModule.Conversion;
using Xunit;

namespace ContactsModule.Tests.Conversion
{
    public class CountryCodesTests
    {
        [Theory]
        // codes, any case, trimmed
        [InlineData("US", "US")]
        [InlineData("de", "DE")]
        [InlineData("  gb  ", "GB")]
        [InlineData("XK", "XK")]
        [InlineData("AN", "AN")]
        [InlineData("NA", "NA")]
        // three-letter ISO codes
        [InlineData("DEU", "DE")]
        [InlineData("gbr", "GB")]
        [InlineData("MEX", "MX")]
        // names from HighLevel's list, any case
        [InlineData("Germany", "DE")]
        [InlineData("germany", "DE")]
        [InlineData("GERMANY", "DE")]
        [InlineData("United Kingdom", "GB")]
        [InlineData("United States", "US")]
        [InlineData("Russian Federation", "RU")]
        [InlineData("Viet Nam", "VN")]
        [InlineData("Guinea-Bissau", "GW")]
        [InlineData("guinea bissau", "GW")]
        [InlineData("Bosnia and Herzegovina", "BA")]
        [InlineData("Bosnia & Herzegovina", "BA")]
        [InlineData("AndorrA", "AD")]
        [InlineData("Cote D\"Ivoire", "CI")]
        [InlineData("Congo", "CG")]
        [InlineData("Congo (The Democratic Republic of the)", "CD")]
        [InlineData("Iran (Islamic Republic Of)", "IR")]
        [InlineData("Korea (Democratic People\"S Republic)", "KP")]
        [InlineData("Korea (Republic of)", "KR")]
        [InlineData("Lao People's Democratic Republic`", "LA")]
        [InlineData("Holy See (Vatican City State)", "VA")]
        [InlineData("Virgin Islands (U.S.)", "VI")]
        [InlineData("Virgin Islands (British)", "VG")]
        [InlineData("Falkland Islands (Malvinas)", "FK")]
        [InlineData("Cocos (Keeling) Islands", "CC")]
        [InlineData("Palestinian Territory (Occupied)", "PS")]
        [InlineData("Micronesia (Federated States of)", "FM")]
        [InlineData("Tanzania (United Republic of)", "TZ")]
        [InlineData("Moldova (Republic of)", "MD")]
        [InlineData("Macedonia (The Former Yugoslav Republic of)", "MK")]
        [InlineData("UK", "GB")]
        // aliases
        [InlineData("USA", "US")]
        [InlineData("U.S.A.", "US")]
        [InlineData("u.s.", "US")]
        [InlineData("United States of America", "US")]
        [InlineData("America", "US")]
        [InlineData("U.K.", "GB")]
        [InlineData("Great Britain", "GB")]
        [InlineData("Britain", "GB")]
        [InlineData("England", "GB")]
        [InlineData("Scotland", "GB")]
        [InlineData("Wales", "GB")]
        [InlineData("Northern Ireland", "GB")]
        [InlineData("Deutschland", "DE")]
        [InlineData("Holland", "NL")]
        [InlineData("The Netherlands", "NL")]
        [InlineData("the netherlands", "NL")]
        [InlineData("Netherlands", "NL")]
        [InlineData("Russia", "RU")]
        [InlineData("South Korea", "KR")]
        [InlineData("Korea", "KR")]
        [InlineData("North Korea", "KP")]
        [InlineData("Czechia", "CZ")]
        [InlineData("Czech Republic", "CZ")]
        [InlineData("Ivory Coast", "CI")]
        [InlineData("Côte d'Ivoire", "CI")]
        [InlineData("Côte d’Ivoire", "CI")]
        [InlineData("UAE", "AE")]
        [InlineData("U.A.E.", "AE")]
        [InlineData("Vietnam", "VN")]
        [InlineData("Iran", "IR")]
        [InlineData("Syria", "SY")]
        [InlineData("Bolivia", "BO")]
        [InlineData("Venezuela", "VE")]
        [InlineData("Tanzania", "TZ")]
        [InlineData("Macedonia", "MK")]
        [InlineData("North Macedonia", "MK")]
        [InlineData("Laos", "LA")]
        [InlineData("Moldova", "MD")]
        [InlineData("Palestine", "PS")]
        [InlineData("Vatican", "VA")]
        [InlineData("Vatican City", "VA")]
        [InlineData("Taiwan", "TW")]
        [InlineData("DR Congo", "CD")]
        [InlineData("Democratic Republic of the Congo", "CD")]
        [InlineData("Eswatini", "SZ")]
        [InlineData("Burma", "MM")]
        [InlineData("East Timor", "TL")]
        [InlineData("Türkiye", "TR")]
        [InlineData("Turkiye", "TR")]
        [InlineData("Brunei", "BN")]
        [InlineData("Libya", "LY")]
        [InlineData("Macau", "MO")]
        // accents and punctuation
        [InlineData("México", "MX")]
        [InlineData("Mexico", "MX")]
        [InlineData("Réunion", "RE")]
        [InlineData("São Tomé and Príncipe", "ST")]
        [InlineData("Åland Islands", "AX")]
        [InlineData("España", "ES")]
        [InlineData("Österreich", "AT")]
        [InlineData("St. Lucia", "LC")]
        [InlineData("St Kitts & Nevis", "KN")]
        [InlineData("Saint Vincent and the Grenadines", "VC")]
        [InlineData("Trinidad & Tobago", "TT")]
        [InlineData("  new   zealand ", "NZ")]
        [InlineData("THE BAHAMAS", "BS")]
        [InlineData("The Gambia", "GM")]
        public void Resolves(string input, string expected)
        {
            Assert.True(CountryCodes.TryResolve(input, out var code, out var reason), reason);
            Assert.Equal(expected, code);
            Assert.Null(reason);
        }

        [Theory]
        [InlineData("Atlantis")]
        [InlineData("Narnia")]
        [InlineData("ZZ")]
        [InlineData("EU")]
        [InlineData("U")]
        [InlineData("United")]
        [InlineData("Republic of")]
        [InlineData("the")]
        [InlineData("12")]
        [InlineData("N/A")]
        [InlineData("...")]
        [InlineData("Germany, Berlin")]
        public void Refuses_unknown(string input)
        {
            Assert.False(CountryCodes.TryResolve(input, out var code, out var reason));
            Assert.Null(code);
            Assert.Equal("is not a known country name or code. Use a two-letter code such as US or DE.", reason);
        }

        [Theory]
        [InlineData("SS", "South Sudan")]
        [InlineData("South Sudan", "South Sudan")]
        [InlineData("Curaçao", "Curaçao")]
        [InlineData("cw", "Curaçao")]
        [InlineData("Bonaire", "Bonaire, Sint Eustatius and Saba")]
        [InlineData("Saint Barthélemy", "Saint Barthélemy")]
        public void Refuses_real_countries_missing_from_the_list_with_their_name(string input, string name)
        {
            Assert.False(CountryCodes.TryResolve(input, out var code, out var reason));
            Assert.Null(code);
            Assert.Equal("is " + name + ", which is not in HighLevel's list of accepted countries.", reason);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        public void Blank_is_not_given(string input)
        {
            Assert.True(CountryCodes.TryResolve(input, out var code, out var reason));
            Assert.Null(code);
            Assert.Null(reason);
        }

        [Fact]
        public void All_lists_HighLevels_247_codes_once_in_order()
        {
            var codes = CountryCodes.All.Select(c => c.Code).ToArray();
            Assert.Equal(247, codes.Length);
            Assert.Equal(codes.Length, codes.Distinct().Count());
            Assert.Equal(codes.OrderBy(c => c, System.StringComparer.Ordinal), codes);
            Assert.All(CountryCodes.All, c =>
            {
                Assert.Matches("^[A-Z]{2}$", c.Code);
                Assert.False(string.IsNullOrWhiteSpace(c.Name));
            });
            Assert.Contains(CountryCodes.All, c => c.Code == "DE" && c.Name == "Germany");
            Assert.Contains(CountryCodes.All, c => c.Code == "GB" && c.Name == "United Kingdom");
        }

        [Fact]
        public void Every_listed_code_and_name_resolves_to_itself()
        {
            foreach (var c in CountryCodes.All)
            {
                Assert.True(CountryCodes.TryResolve(c.Code.ToLowerInvariant(), out var byCode, out _), c.Code);
                Assert.Equal(c.Code, byCode);
                Assert.True(CountryCodes.TryResolve(c.Name.ToUpperInvariant(), out var byName, out _), c.Name);
                Assert.Equal(c.Code, byName);
            }
        }
    }
}
