using System;
using System.Collections.Generic;

namespace ContactsModule.Models
{
    /// <summary>Per-channel do-not-disturb settings (Call, Email, SMS, WhatsApp, GMB, FB).</summary>
    public sealed class DndSettings
    {
        /// <summary>The channel names the API accepts, in its spelling.</summary>
        public static readonly string[] ChannelNames = { "Call", "Email", "SMS", "WhatsApp", "GMB", "FB" };

        public DndChannelSetting Call { get; set; }
        public DndChannelSetting Email { get; set; }
        public DndChannelSetting SMS { get; set; }
        public DndChannelSetting WhatsApp { get; set; }
        public DndChannelSetting GMB { get; set; }
        public DndChannelSetting FB { get; set; }

        public DndChannelSetting Get(string channel)
        {
            switch (NormalizeChannel(channel))
            {
                case "Call": return Call;
                case "Email": return Email;
                case "SMS": return SMS;
                case "WhatsApp": return WhatsApp;
                case "GMB": return GMB;
                case "FB": return FB;
                default: return null;
            }
        }

        public void Set(string channel, DndChannelSetting value)
        {
            switch (NormalizeChannel(channel))
            {
                case "Call": Call = value; break;
                case "Email": Email = value; break;
                case "SMS": SMS = value; break;
                case "WhatsApp": WhatsApp = value; break;
                case "GMB": GMB = value; break;
                case "FB": FB = value; break;
                default: throw new ArgumentException("Unknown DND channel '" + channel + "'. Use one of: " + string.Join(", ", ChannelNames) + ".");
            }
        }

        /// <summary>The API's spelling of a channel name given in any case, or null when it is not a channel.</summary>
        public static string NormalizeChannel(string channel)
        {
            if (channel == null) return null;
            foreach (var name in ChannelNames)
            {
                if (string.Equals(name, channel.Trim(), StringComparison.OrdinalIgnoreCase)) return name;
            }
            return null;
        }

        public IEnumerable<KeyValuePair<string, DndChannelSetting>> Channels()
        {
            foreach (var name in ChannelNames)
            {
                var setting = Get(name);
                if (setting != null) yield return new KeyValuePair<string, DndChannelSetting>(name, setting);
            }
        }

        /// <summary>"SMS=inactive;Email=active": the form Export-Csv writes and Set-Contact/New-Contact read back.</summary>
        public override string ToString()
        {
            var parts = new List<string>();
            foreach (var pair in Channels()) parts.Add(pair.Key + "=" + pair.Value.Status);
            return string.Join(";", parts);
        }
    }
}
