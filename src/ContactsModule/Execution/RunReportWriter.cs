using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace ContactsModule.Execution
{
    /// <summary>
    /// The run report (-ReportPath): a CSV file with a header and one line per input row, in input order, each
    /// flushed as it is written so that an interrupted run leaves a true partial report. UTF-8 with a byte order mark
    /// (Windows PowerShell's Import-Csv and Excel then read it as UTF-8 too), every field quoted as Export-Csv does.
    /// </summary>
    internal sealed class RunReportWriter : IDisposable
    {
        /// <summary>The columns, in order.</summary>
        public static readonly string[] Columns = { "Row", "Outcome", "ContactId", "ChangedFields", "ErrorId", "Message", "TraceId" };

        private readonly object _gate = new object();
        private StreamWriter _writer;

        /// <summary>Creates (or replaces) the file at <paramref name="fullPath"/> and writes the header. Throws IOException, UnauthorizedAccessException... when it cannot.</summary>
        public RunReportWriter(string fullPath)
        {
            Path = fullPath;
            var stream = new FileStream(fullPath, FileMode.Create, FileAccess.Write, FileShare.Read);
            try
            {
                _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)) { NewLine = Environment.NewLine };
                WriteFields(Columns);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>The file's full path.</summary>
        public string Path { get; }

        /// <summary>Lines written, header not counted.</summary>
        public int LinesWritten { get; private set; }

        /// <summary>One row's line. <paramref name="changedFields"/> are joined with ';'. Throws IOException when the file cannot be written.</summary>
        public void Write(int row, string outcome, string contactId, IEnumerable<string> changedFields, string errorId, string message, string traceId)
        {
            string changed = changedFields == null ? null : string.Join(";", changedFields);
            lock (_gate)
            {
                if (_writer == null) throw new ObjectDisposedException(nameof(RunReportWriter));
                WriteFields(new[] { row.ToString(System.Globalization.CultureInfo.InvariantCulture), outcome, contactId, changed, errorId, message, traceId });
                LinesWritten++;
            }
        }

        private void WriteFields(string[] fields)
        {
            var line = new StringBuilder();
            for (int i = 0; i < fields.Length; i++)
            {
                if (i > 0) line.Append(',');
                line.Append(Quote(fields[i]));
            }
            _writer.WriteLine(line.ToString());
            _writer.Flush();
        }

        /// <summary>A CSV field: always quoted, inner quotes doubled (line breaks stay inside the quotes).</summary>
        internal static string Quote(string value) => "\"" + (value ?? string.Empty).Replace("\"", "\"\"") + "\"";

        public void Dispose()
        {
            lock (_gate)
            {
                if (_writer == null) return;
                try
                {
                    _writer.Dispose();
                }
                catch (IOException)
                {
                }
                _writer = null;
            }
        }
    }
}
