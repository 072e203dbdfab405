using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using ContactsModule.Conversion;

namespace ContactsModule.Completion
{
    /// <summary>
    /// Completes -Country and -DefaultCountry with the two-letter codes HighLevel accepts, showing each country's name.
    /// What was typed is matched against the code ("de"), the start of the name ("germ") or the start of a word of
    /// the name ("kingdom"); codes that start with it come first.
    /// </summary>
    public sealed class CountryCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string typed = CompletionText.Unquote(wordToComplete, out var quote);
            var results = new List<CompletionResult>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var countries = CountryCodes.All;
            // 1. Codes starting with the text (all codes when nothing is typed), in code order.
            var byCode = new List<CountryInfo>(countries);
            byCode.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
            foreach (var country in byCode)
            {
                if (country.Code.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                    CompletionText.AddOnce(results, seen, country.Code, () => Make(country, quote));
            }
            if (typed.Length == 0) return results;
            // 2. Names starting with it, then 3. names with a word starting with it.
            foreach (var country in countries)
            {
                if (country.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                    CompletionText.AddOnce(results, seen, country.Code, () => Make(country, quote));
            }
            foreach (var country in countries)
            {
                if (HasWordStartingWith(country.Name, typed))
                    CompletionText.AddOnce(results, seen, country.Code, () => Make(country, quote));
            }
            return results;
        }

        private static CompletionResult Make(CountryInfo country, char? quote) =>
            CompletionText.Result(country.Code, quote, country.Code + " " + country.Name, country.Name);

        private static bool HasWordStartingWith(string name, string typed)
        {
            int index = 0;
            while ((index = name.IndexOf(typed, index, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                if (index == 0 || !char.IsLetterOrDigit(name[index - 1])) return true;
                index++;
            }
            return false;
        }
    }
}
