using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ContactsModule.Models;

namespace ContactsModule.Api
{
    /// <summary>
    /// What one session knows about the contacts it created: their ids (so a look-up never hands one row the
    /// contact of another), and whether the location has been seen to reject duplicates.
    /// </summary>
    internal sealed class CreateProvenance
    {
        private static readonly ConditionalWeakTable<ApiSession, CreateProvenance> BySession = new ConditionalWeakTable<ApiSession, CreateProvenance>();

        private readonly ConcurrentDictionary<string, byte> _claimed = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        private volatile bool _duplicatesRejected;
        private readonly object _settingLock = new object();
        private Task _settingRead;

        public static CreateProvenance For(ApiSession session) => BySession.GetValue(session, _ => new CreateProvenance());

        /// <summary>True once a create was answered "duplicate": a resend can then never make a second contact.</summary>
        public bool DuplicatesRejected => _duplicatesRejected;

        public void SawDuplicateAnswer() => _duplicatesRejected = true;

        /// <summary>
        /// Reads the location's "Allow Duplicate Contact" setting once per session (the first ambiguous failure asks;
        /// the others wait for the same answer). A location that rejects duplicates makes every resend safe. The read
        /// returns null when the setting cannot be read (the token's scopes, say): nothing is assumed then.
        /// </summary>
        public async Task LearnDuplicateSettingAsync(Func<Task<bool?>> readAllowDuplicates, CancellationToken cancellationToken)
        {
            if (_duplicatesRejected) return;
            Task read;
            lock (_settingLock)
            {
                if (_settingRead == null) _settingRead = ReadSettingAsync(readAllowDuplicates);
                read = _settingRead;
            }
            // The read is shared: a row that is cancelled stops waiting for it, the read goes on for the others. A row
            // waiting for it lends its slot to rows that need none of this.
            var cancelled = new TaskCompletionSource<bool>();
            using (cancellationToken.Register(() => cancelled.TrySetCanceled()))
            {
                var first = Task.WhenAny(read, cancelled.Task);
                await RequestSlots.WaitOutsideSlotAsync(first).ConfigureAwait(false);
                await (await first.ConfigureAwait(false)).ConfigureAwait(false);
            }
        }

        private async Task ReadSettingAsync(Func<Task<bool?>> readAllowDuplicates)
        {
            // The read belongs to no row: it must never wait for a row's in-flight slot (the rows wait for it).
            RequestSlots.Current = null;
            var allow = await readAllowDuplicates().ConfigureAwait(false);
            if (allow == false) _duplicatesRejected = true;
        }

        /// <summary>Records the contact as one row's result; false when another row had it already.</summary>
        public bool Claim(string id) => id != null && _claimed.TryAdd(id, 0);

        public bool IsClaimed(string id) => id != null && _claimed.ContainsKey(id);

        /// <summary>
        /// A contact found by a look-up is this create's own earlier attempt only if no other row claimed it, it was
        /// created no earlier than the create began (server clock, less ServerClock.Tolerance), and it holds every
        /// identifying field the create sent.
        /// </summary>
        public bool IsOwn(Contact contact, ContactPayload payload, DateTime startedServerUtc)
        {
            if (contact == null || contact.Id == null || IsClaimed(contact.Id)) return false;
            if (!contact.DateAdded.HasValue) return false;
            var added = contact.DateAdded.Value.Kind == DateTimeKind.Local ? contact.DateAdded.Value.ToUniversalTime() : contact.DateAdded.Value;
            if (added < startedServerUtc - ServerClock.Tolerance) return false;
            return Same(payload.Email, contact.Email) && SamePhone(payload.Phone, contact.Phone) &&
                   Same(payload.FirstName, contact.FirstName) && Same(payload.LastName, contact.LastName) &&
                   Same(payload.CompanyName, contact.CompanyName);
        }

        private static bool Same(string sent, string stored) =>
            string.IsNullOrEmpty(sent) || string.Equals(sent.Trim(), (stored ?? string.Empty).Trim(), StringComparison.OrdinalIgnoreCase);

        private static bool SamePhone(string sent, string stored)
        {
            if (string.IsNullOrEmpty(sent)) return true;
            string a = Digits(sent), b = Digits(stored);
            return a.Length > 0 && (a == b || (b.Length >= 7 && (a.EndsWith(b, StringComparison.Ordinal) || b.EndsWith(a, StringComparison.Ordinal))));
        }

        private static string Digits(string text)
        {
            if (text == null) return string.Empty;
            var chars = new System.Text.StringBuilder(text.Length);
            foreach (char c in text) if (c >= '0' && c <= '9') chars.Append(c);
            return chars.ToString();
        }
    }
}
