using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using ContactsModule.Conversion;
using ContactsModule.Input;
using ContactsModule.Models;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// What New-Contact and Set-Contact share in reading a row beyond their parameters: -DefaultCountry and
    /// -CustomFieldColumn checked once, the extra columns (customField.&lt;key&gt;, mapped columns, "DND SMS"...) read
    /// from the input row, and errors renamed to the columns the user has.
    /// </summary>
    internal sealed class ContactRowReader
    {
        private readonly Dictionary<string, string> _customFieldColumns;

        private ContactRowReader(string defaultRegion, Dictionary<string, string> customFieldColumns)
        {
            DefaultRegion = defaultRegion;
            _customFieldColumns = customFieldColumns;
        }

        /// <summary>Region for local phone numbers of rows without a country (null: none).</summary>
        public string DefaultRegion { get; }

        /// <summary>Checks -DefaultCountry and -CustomFieldColumn; a bad value is a terminating error of the cmdlet.</summary>
        public static ContactRowReader Create(Cmdlet cmdlet, string defaultCountry, Hashtable customFieldColumn)
        {
            string region = null;
            if (defaultCountry != null && !CountryCodes.TryResolve(defaultCountry, out region, out var reason))
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException("-DefaultCountry '" + defaultCountry + "' " + reason),
                    "InvalidDefaultCountry", ErrorCategory.InvalidArgument, defaultCountry));
            }
            var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (customFieldColumn != null)
            {
                foreach (DictionaryEntry entry in customFieldColumn)
                {
                    string column = CellText.Clean(ContactsApiCmdlet.Unwrap(entry.Key));
                    string key = CellText.Clean(ContactsApiCmdlet.Unwrap(entry.Value));
                    if (column == null || key == null)
                    {
                        cmdlet.ThrowTerminatingError(new ErrorRecord(
                            new ArgumentException("-CustomFieldColumn maps column headers to custom field keys; an entry has an empty header or key."),
                            "InvalidCustomFieldColumn", ErrorCategory.InvalidArgument, customFieldColumn));
                    }
                    columns[column] = key;
                }
            }
            return new ContactRowReader(region, columns);
        }

        /// <summary>Adds the row's custom-field and per-channel DND columns to <paramref name="input"/>. A piped Contact has none.</summary>
        public void ReadExtraColumns(PSObject row, ContactInput input)
        {
            if (row == null || row.BaseObject is Contact) return;
            foreach (var property in row.Properties)
            {
                if (!property.IsGettable) continue;
                if (_customFieldColumns.TryGetValue(property.Name, out var mappedKey) || RowColumns.TryCustomFieldKey(property.Name, out mappedKey))
                {
                    input.CustomFieldsByKey.Add(new KeyValuePair<string, object>(mappedKey, ContactsApiCmdlet.Unwrap(property.Value)));
                    input.CustomFieldColumns[mappedKey] = property.Name;
                }
                else if (RowColumns.TryDndChannel(property.Name, out var channel))
                {
                    input.DndChannelColumns[channel] = new KeyValuePair<string, object>(property.Name, ContactsApiCmdlet.Unwrap(property.Value));
                }
            }
        }

        /// <summary>The validation errors with each parameter name replaced by the row's column that fed it ("E-mail").</summary>
        public static List<FieldError> InUserColumns(PSObject row, Type cmdletType, IEnumerable<FieldError> errors)
        {
            var named = new List<FieldError>();
            foreach (var error in errors)
                named.Add(new FieldError(RowColumns.ColumnFor(row, cmdletType, error.Column), error.Value, error.Reason));
            return named;
        }

        /// <summary>A call without pipeline input: its parameters stand for the row (the TargetObject of its errors).</summary>
        public static Hashtable BoundParameters(InvocationInfo invocation)
        {
            var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in invocation.BoundParameters)
            {
                if (pair.Key == "Connection" || pair.Key == "InputObject") continue;
                table[pair.Key] = pair.Value;
            }
            return table;
        }
    }
}
