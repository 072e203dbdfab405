using System;
using System.Collections.Generic;
using ContactsModule.Api;

namespace ContactsModule.Input
{
    /// <summary>
    /// One contact field: its name in the API's JSON, the New-Contact / Set-Contact parameter that takes it, the
    /// column headers that mean it (other CRMs' export headers included), how its value is converted, and whether
    /// HighLevel's update call accepts it.
    /// </summary>
    internal sealed class ContactField
    {
        public ContactField(string apiName, string parameterName, ContactFieldKind kind, bool updatable, Action<ContactPayload, object> assign,
            params string[] columnAliases)
        {
            Assign = assign;
            ApiName = apiName;
            ParameterName = parameterName;
            Kind = kind;
            Updatable = updatable;
            ColumnAliases = columnAliases;
        }

        /// <summary>The JSON property of the create/update body: "firstName".</summary>
        public string ApiName { get; }
        /// <summary>The cmdlet parameter: "FirstName". Its name is also a column header for the field.</summary>
        public string ParameterName { get; }
        public ContactFieldKind Kind { get; }
        /// <summary>Puts the converted value into the request body (null for the kinds whose builder combines several columns).</summary>
        public Action<ContactPayload, object> Assign { get; }
        /// <summary>False for the fields PUT /contacts/{id} refuses ("property ... should not exist").</summary>
        public bool Updatable { get; }
        /// <summary>Other headers for the field, compared as <see cref="HeaderName"/> does.</summary>
        public IReadOnlyList<string> ColumnAliases { get; }

        /// <summary>The parameter name, the API name and the aliases: every header that maps to this field.</summary>
        public IEnumerable<string> Headers
        {
            get
            {
                yield return ParameterName;
                yield return ApiName;
                foreach (var alias in ColumnAliases) yield return alias;
            }
        }

        public override string ToString() => ApiName;
    }
}
