namespace ContactsModule.Models
{
    /// <summary>Do-not-disturb state of one channel: Status is active, inactive or permanent.</summary>
    public sealed class DndChannelSetting
    {
        public string Status { get; set; }
        public string Message { get; set; }
        public string Code { get; set; }

        public override string ToString() => Status ?? string.Empty;
    }
}
