namespace ContactsModule.Models
{
    /// <summary>Inbound do-not-disturb: one setting for all channels, Status active or inactive.</summary>
    public sealed class InboundDndSettings
    {
        public DndChannelSetting All { get; set; }

        public override string ToString() => All?.Status ?? string.Empty;
    }
}
