using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using ContactsModule.Api;

namespace ContactsModule.Completion
{
    /// <summary>
    /// Completes -ApiVersion with the versions the cmdlets were tested with, newest first; Invoke-ContactsApiRequest
    /// also offers v3 (its field names differ, so Connect-ContactsApi does not take it).
    /// </summary>
    public sealed class ApiVersionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string typed = CompletionText.Unquote(wordToComplete, out var quote);
            var offered = new List<string>();
            if (string.Equals(commandName, "Invoke-ContactsApiRequest", StringComparison.OrdinalIgnoreCase)) offered.Add("v3");
            offered.Add(ApiVersionText.NewestTested);
            foreach (var version in ApiVersionText.Tested)
                if (!offered.Contains(version)) offered.Add(version);
            var results = new List<CompletionResult>();
            foreach (var version in offered)
            {
                if (!version.StartsWith(typed, StringComparison.OrdinalIgnoreCase)) continue;
                string tip = version == "v3" ? "v3: newer field names (custom field fieldValue); for this request only"
                    : version == ContactsModule.Session.ContactsApiConnection.DefaultApiVersion ? version + " (default)" : version;
                results.Add(CompletionText.Result(version, quote, version, tip));
            }
            return results;
        }
    }
}
