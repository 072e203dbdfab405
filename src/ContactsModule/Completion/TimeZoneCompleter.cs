using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using ContactsModule.Conversion;

namespace ContactsModule.Completion
{
    /// <summary>
    /// Completes -Timezone with IANA time zone ids (the form the API stores). What was typed is matched against the
    /// start of the id ("america/ch") and against the start of its last part ("chi" offers America/Chicago);
    /// a space may stand for an underscore ("new y").
    /// </summary>
    public sealed class TimeZoneCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string typed = CompletionText.Unquote(wordToComplete, out var quote).Replace(' ', '_');
            var results = new List<CompletionResult>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var ids = TimeZoneNames.IanaIds;
            foreach (var id in ids)
            {
                if (id.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                    CompletionText.AddOnce(results, seen, id, () => CompletionText.Result(id, quote, id, id));
            }
            if (typed.Length == 0 || typed.IndexOf('/') >= 0) return results;
            foreach (var id in ids)
            {
                int slash = id.LastIndexOf('/');
                if (slash >= 0 && string.Compare(id, slash + 1, typed, 0, typed.Length, StringComparison.OrdinalIgnoreCase) == 0 &&
                    id.Length - slash - 1 >= typed.Length)
                    CompletionText.AddOnce(results, seen, id, () => CompletionText.Result(id, quote, id, id));
            }
            return results;
        }
    }
}
