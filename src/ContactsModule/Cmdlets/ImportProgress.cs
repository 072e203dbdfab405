using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;

namespace ContactsModule.Cmdlets
{
    /// <summary>Progress of a per-row cmdlet: rows done, succeeded, failed and the rate, at most four updates a second.</summary>
    internal sealed class ImportProgress
    {
        private const int ActivityId = 4711;
        private readonly string _activity;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _lastUpdateMs = -1000;
        private bool _shown;

        public ImportProgress(string activity)
        {
            _activity = activity;
        }

        public int Succeeded;
        public int Skipped;
        public int Failed;
        public int Done => Succeeded + Skipped + Failed;

        public void Update(Cmdlet cmdlet, bool force)
        {
            long now = _clock.ElapsedMilliseconds;
            if (!force && now - _lastUpdateMs < 250) return;
            _lastUpdateMs = now;
            double seconds = _clock.Elapsed.TotalSeconds;
            double rate = seconds > 0 ? Done / seconds : 0;
            var record = new ProgressRecord(ActivityId, _activity,
                string.Format(CultureInfo.InvariantCulture, "{0} rows done: {1} succeeded, {2} skipped, {3} failed ({4:0.0} rows/s)", Done, Succeeded, Skipped, Failed, rate));
            cmdlet.WriteProgress(record);
            _shown = true;
        }

        public void Complete(Cmdlet cmdlet)
        {
            if (!_shown) return;
            _shown = false;
            cmdlet.WriteProgress(new ProgressRecord(ActivityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
