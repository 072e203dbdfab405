using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace ContactsModule.Completion
{
    /// <summary>Shared helpers for the module's argument completers: reading what was typed and quoting what is offered.</summary>
    internal static class CompletionText
    {
        /// <summary>The typed text without surrounding quotes; <paramref name="quote"/> is the opening quote, if any.</summary>
        public static string Unquote(string wordToComplete, out char? quote)
        {
            quote = null;
            string word = wordToComplete ?? string.Empty;
            if (word.Length > 0 && (word[0] == '\'' || word[0] == '"'))
            {
                quote = word[0];
                word = word.Substring(1);
                if (word.Length > 0 && word[word.Length - 1] == quote.Value) word = word.Substring(0, word.Length - 1);
            }
            return word.Trim();
        }

        /// <summary>The value as it must be typed: quoted (single quotes unless the user opened with double) when it needs it.</summary>
        public static string Quote(string value, char? quote)
        {
            bool needs = quote.HasValue || value.IndexOfAny(new[] { ' ', '\'', '"', '`', '$', ',', ';', '(', ')', '{', '}', '@', '#', '|', '&', '<', '>' }) >= 0;
            if (!needs) return value;
            if (quote == '"') return "\"" + value.Replace("`", "``").Replace("\"", "`\"").Replace("$", "`$") + "\"";
            return "'" + value.Replace("'", "''") + "'";
        }

        public static CompletionResult Result(string value, char? quote, string listItemText, string toolTip) =>
            new CompletionResult(Quote(value, quote), listItemText, CompletionResultType.ParameterValue, string.IsNullOrEmpty(toolTip) ? value : toolTip);

        /// <summary>Adds each value once, in the order given.</summary>
        public static void AddOnce(List<CompletionResult> results, HashSet<string> seen, string key, Func<CompletionResult> make)
        {
            if (seen.Add(key)) results.Add(make());
        }
    }
}
