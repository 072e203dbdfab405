using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using ContactsModule.Conversion;
using ContactsModule.Input;
using ContactsModule.Models;

namespace ContactsModule.Cmdlets
{
    /// <summary>
    /// How New-Contact and Set-Contact read a row: the command-line parameters, then the row's columns mapped by the
    /// field table (several columns for one field: the first filled one wins, and a disagreement is reported), the
    /// custom-field and DND channel columns, and, once per run, the columns nothing reads.
    /// </summary>
    internal sealed class ContactRowReader
    {
        private readonly Cmdlet _cmdlet;
        private readonly ColumnMapOptions _options;
        private readonly bool _forUpdate;
        private readonly Dictionary<string, object> _commandLine;
        private readonly HashSet<string> _reportedUnused = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _warnedConflicts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<DateNoteKind> _warnedDates = new HashSet<DateNoteKind>();
        private ColumnMap _map;
        private Func<IReadOnlyList<ContactCustomField>> _loadSchema;
        private IReadOnlyList<ContactCustomField> _schema;
        private bool _schemaAsked;
        private readonly HashSet<string> _warnedClashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        private ContactRowReader(Cmdlet cmdlet, ContactReadOptions readOptions, ColumnMapOptions options, bool forUpdate, Dictionary<string, object> commandLine)
        {
            _cmdlet = cmdlet;
            ReadOptions = readOptions;
            _options = options;
            _forUpdate = forUpdate;
            _commandLine = commandLine;
        }

        /// <summary>-DefaultCountry, -DateFormat and what the payload builder needs.</summary>
        public ContactReadOptions ReadOptions { get; }

        /// <summary>Region for local phone numbers of rows without a country (null: none).</summary>
        public string DefaultRegion => ReadOptions.DefaultRegion;

        /// <summary>How many distinct columns were reported as not used so far.</summary>
        public int ColumnsNotUsed => _reportedUnused.Count;

        /// <summary>
        /// Set-Contact on an agency connection: a row's LocationId (column, or a piped Contact's) says where the row goes,
        /// so it is read into RowRead.LocationId instead of being reported as a column the update does not send.
        /// </summary>
        public bool RoutesByLocation { get; set; }

        /// <summary>
        /// Checks -DefaultCountry, -CustomFieldColumn and -DateFormat (a bad value is a terminating error of the
        /// cmdlet) and takes the command-line parameters: before the first pipeline object only they are bound.
        /// </summary>
        public static ContactRowReader Create(PSCmdlet cmdlet, string defaultCountry, Hashtable customFieldColumn, string[] ignoreColumn,
            string[] dateFormat, bool forUpdate, params string[] identityColumns)
        {
            string region = null;
            if (defaultCountry != null && !CountryCodes.TryResolve(defaultCountry, out region, out var reason))
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException("-DefaultCountry '" + defaultCountry + "' " + reason),
                    ErrorIds.InvalidDefaultCountry, ErrorCategory.InvalidArgument, defaultCountry));
            }
            var options = new ColumnMapOptions();
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
                            ErrorIds.InvalidCustomFieldColumn, ErrorCategory.InvalidArgument, customFieldColumn));
                    }
                    options.CustomFieldColumns[column] = key;
                }
            }
            if (ignoreColumn != null)
                foreach (var column in ignoreColumn)
                    if (CellText.Clean(column) != null) options.IgnoredColumns.Add(column);
            options.IdentityColumns.AddRange(identityColumns);
            if (dateFormat != null)
            {
                foreach (var format in dateFormat)
                {
                    if (!DateText.IsUsableFormat(format, out var why))
                    {
                        cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException("-DateFormat '" + format + "' " + why),
                            ErrorIds.InvalidDateFormat, ErrorCategory.InvalidArgument, format));
                    }
                }
            }
            var commandLine = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in cmdlet.MyInvocation.BoundParameters) commandLine[pair.Key] = pair.Value;
            var readOptions = new ContactReadOptions { DefaultRegion = region, DateFormats = dateFormat, RequireIdentity = !forUpdate };
            return new ContactRowReader(cmdlet, readOptions, options, forUpdate, commandLine);
        }

        /// <summary>
        /// Columns the field table does not take are matched to the location's custom fields by id, key (with or without
        /// "contact.") or display name. <paramref name="load"/> reads the schema (null: none to be had); it is called at
        /// most once, and only for a column nothing else takes.
        /// </summary>
        public void UseCustomFieldSchema(Func<IReadOnlyList<ContactCustomField>> load)
        {
            _loadSchema = load;
            _options.Claims.Add(header =>
            {
                // A header holding ';' or tabs is a whole header line of a file read with the wrong delimiter, no field name.
                if (header == null || header.IndexOf(';') >= 0 || header.IndexOf('\t') >= 0) return null;
                var field = CustomFieldHeaders.Find(Schema(), header);
                return field == null ? null : new ColumnUse(header, ColumnKind.CustomField, key: field.Key);
            });
        }

        private IReadOnlyList<ContactCustomField> Schema()
        {
            if (!_schemaAsked && _loadSchema != null)
            {
                _schemaAsked = true;
                _schema = _loadSchema();
                if (_schema != null && _schema.Count > 0) ReadOptions.CustomFieldSchema = _schema;
            }
            return _schema;
        }

        /// <summary>
        /// Reads one row for sending, or settles it: a value too deep to walk, a scalar that is not a row and an empty
        /// row get their outcome from the runner here and the call returns null.
        /// </summary>
        public RowRead ReadSendable(PSObject inputObject, PipelineRow row, RowRunner rows, string cmdletName)
        {
            RowRead read;
            try
            {
                read = Read(inputObject, row.Label);
            }
            catch (InputTooDeepException ex)
            {
                rows.Enqueue(row, RowResult.Failed(ContactErrors.TooDeep(row.Label, ex, row.Target)));
                return null;
            }
            rows.Summary.ColumnsNotUsed = ColumnsNotUsed;
            if (read.IsScalar)
            {
                rows.Enqueue(row, RowResult.Failed(ContactErrors.NotARow(row.Label, read.Scalar, cmdletName, row.Target)));
                return null;
            }
            if (read.IsEmpty)
            {
                rows.Enqueue(row, RowResult.EmptyRow);
                return null;
            }
            return read;
        }

        /// <summary>
        /// Reads one pipeline object (null: a call without pipeline input, or a piped $null). Warnings (columns not used,
        /// columns that disagree) are written here, before the row is sent.
        /// </summary>
        public RowRead Read(PSObject inputObject, string rowLabel)
        {
            if (inputObject != null && RowColumns.IsScalar(inputObject)) return RowRead.NotARow(inputObject.BaseObject);

            bool contactRow = inputObject != null && inputObject.BaseObject is Contact;
            // A piped Contact is the contact as it is: Set-Contact sends only what was typed on the command line.
            var cells = inputObject == null || (contactRow && _forUpdate) ? null : RowColumns.Cells(inputObject);
            if (cells != null && RowColumns.AllBlank(cells)) return RowRead.Empty();

            ColumnMap map = null;
            if (cells != null)
            {
                map = MapFor(cells);
                if (!contactRow)
                {
                    ReportClashes(map);
                    ReportUnused(map);
                }
            }

            var input = new ContactInput();
            var read = new RowRead(input);
            if (RoutesByLocation && contactRow) read.LocationId = CellText.Clean(((Contact)inputObject.BaseObject).LocationId);
            foreach (var field in ContactFieldTable.All)
            {
                if (_commandLine.TryGetValue(field.ParameterName, out var given))
                {
                    if (!_forUpdate || field.Updatable) input.Set(field.ApiName, ContactsApiCmdlet.Unwrap(given), field.ParameterName);
                    continue;
                }
                if (map == null) continue;
                var columns = map.ColumnsOf(field);
                if (columns.Count == 0) continue;
                int chosen = ChooseColumn(cells, columns, field, rowLabel);
                if (_forUpdate && !field.Updatable)
                {
                    if (RoutesByLocation && field.ApiName == "locationId")
                    {
                        read.LocationId = CellText.Clean(cells[chosen >= 0 ? chosen : columns[0]].Value);
                        continue;
                    }
                    if (chosen >= 0) read.NotUpdatableColumns.Add(cells[chosen].Key);
                    continue;
                }
                int index = chosen >= 0 ? chosen : columns[0];
                input.Set(field.ApiName, cells[index].Value, cells[index].Key);
            }
            if (map != null) ReadExtraColumns(cells, map, input);
            // Values given by key or id (customField.<key> columns, -CustomFieldColumn, -CustomFields) are checked and
            // converted by the location's field types too, and sent with the key as the location spells it.
            if (input.CustomFieldsByKey.Count > 0 || input.Get("customFields") != null) Schema();
            return read;
        }

        /// <summary>
        /// The first filled identity column of a piped row (Set-Contact's Id, ContactId, "Contact Id", compared as headers
        /// are): for rows PowerShell cannot bind by name, such as hashtables or a "contact_id" header. Null: none.
        /// </summary>
        public string IdentityOf(PSObject inputObject)
        {
            if (inputObject == null || RowColumns.IsScalar(inputObject) || inputObject.BaseObject is Contact) return null;
            var cells = RowColumns.Cells(inputObject);
            var map = MapFor(cells);
            for (int i = 0; i < cells.Count; i++)
            {
                if (map.Columns[i].Kind != ColumnKind.Identity) continue;
                string text = CellText.Clean(cells[i].Value);
                if (text != null) return text;
            }
            return null;
        }

        /// <summary>Once per run for each kind: dates read month-first without a country, or read in the other order.</summary>
        public void WarnAboutDates(PayloadBuildResult built, string rowLabel)
        {
            foreach (var note in built.DateNotes)
            {
                if (!_warnedDates.Add(note.Kind)) continue;
                _cmdlet.WriteWarning(rowLabel + ": " + note.Column + " '" + note.Value + "' " + note.Text + " (Said once per run.)");
            }
        }

        private ColumnMap MapFor(List<KeyValuePair<string, object>> cells)
        {
            var headers = new string[cells.Count];
            for (int i = 0; i < cells.Count; i++) headers[i] = cells[i].Key;
            if (_map == null || !_map.IsFor(headers)) _map = ColumnMap.Build(headers, _options);
            return _map;
        }

        private void ReportUnused(ColumnMap map)
        {
            var fresh = new List<string>();
            foreach (var header in map.Unused)
                if (_reportedUnused.Add(header)) fresh.Add(header);
            if (fresh.Count == 0) return;
            string message = "Columns not used: " + string.Join(", ", fresh) +
                             ". Map them with -CustomFieldColumn, or ignore them with -IgnoreColumn.";
            if (_schema != null && _schema.Count > 0)
            {
                foreach (var header in fresh)
                {
                    var closest = CustomFieldHeaders.Closest(_schema, header);
                    if (closest.Count > 0) message += " '" + header + "' matches no custom field; did you mean " + string.Join(" or ", Quote(closest)) + "?";
                }
                message += " A column named like a custom field of the location (its name, key or id; Get-ContactCustomField lists them) is sent to it.";
            }
            foreach (var header in fresh)
            {
                char separator = header.IndexOf(';') >= 0 ? ';' : header.IndexOf('\t') >= 0 ? '\t' : '\0';
                if (separator == '\0') continue;
                string name = separator == ';' ? "';'" : "tab";
                message += " The header '" + header + "' holds " + name + " characters: the file looks " + name + "-separated; read it with Import-Csv -Delimiter " +
                           (separator == ';' ? "';'" : "\"`t\"") + ".";
                break;
            }
            _cmdlet.WriteWarning(message);
        }

        private static IEnumerable<string> Quote(IEnumerable<string> names)
        {
            foreach (var name in names) yield return "'" + name + "'";
        }

        /// <summary>Once per run for each column: a standard field's column that also names a custom field of the location (read anyway).</summary>
        private void ReportClashes(ColumnMap map)
        {
            if (_schema == null) return;
            foreach (var use in map.Columns)
            {
                if (use.Kind != ColumnKind.Field) continue;
                var field = CustomFieldHeaders.Find(_schema, use.Header);
                if (field == null || !_warnedClashes.Add(use.Header)) continue;
                _cmdlet.WriteWarning("The column '" + use.Header + "' is read as the standard field " + use.Field.ParameterName +
                                     ", not as the custom field '" + field.Name + "' (" + field.Key + "): standard fields win. To send it to the custom field, name the column customField." +
                                     field.ShortKey + " or map it with -CustomFieldColumn @{ '" + use.Header + "' = '" + field.Key + "' } (a column is read once). (Said once per run.)");
            }
        }

        /// <summary>The first filled column of <paramref name="columns"/> (-1: none); a second, different value is reported once per run.</summary>
        private int ChooseColumn(List<KeyValuePair<string, object>> cells, IReadOnlyList<int> columns, ContactField field, string rowLabel)
        {
            int chosen = -1;
            string chosenText = null;
            foreach (int index in columns)
            {
                string text = CellText.Clean(cells[index].Value);
                if (text == null) continue;
                if (chosen < 0)
                {
                    chosen = index;
                    chosenText = text;
                    continue;
                }
                if (string.Equals(text, chosenText, StringComparison.OrdinalIgnoreCase)) continue;
                string pair = cells[chosen].Key + "\u0000" + cells[index].Key;
                if (!_warnedConflicts.Add(pair)) continue;
                _cmdlet.WriteWarning(string.Format(CultureInfo.InvariantCulture,
                    "{0}: the columns '{1}' ('{2}') and '{3}' ('{4}') both give {5}; '{1}' was used (the first filled column wins). " +
                    "The other value was not sent; it stays in the row. Pass -IgnoreColumn '{1}' to use '{3}' instead. (Said once per run for these columns.)",
                    rowLabel, cells[chosen].Key, chosenText, cells[index].Key, text, field.ParameterName));
            }
            return chosen;
        }

        private static void ReadExtraColumns(List<KeyValuePair<string, object>> cells, ColumnMap map, ContactInput input)
        {
            for (int i = 0; i < cells.Count; i++)
            {
                var use = map.Columns[i];
                switch (use.Kind)
                {
                    case ColumnKind.CustomField:
                        input.CustomFieldsByKey.Add(new KeyValuePair<string, object>(use.Key, cells[i].Value));
                        input.CustomFieldColumns[use.Key] = cells[i].Key;
                        break;
                    case ColumnKind.DndChannel:
                        // Two columns for one channel ("DND Email", "Email Opt Out"): the first filled one.
                        if (input.DndChannelColumns.TryGetValue(use.Key, out var existing) && CellText.Clean(existing.Value) != null) break;
                        input.DndChannelColumns[use.Key] = new KeyValuePair<string, object>(cells[i].Key, cells[i].Value);
                        break;
                }
            }
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
