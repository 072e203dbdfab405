namespace ContactsModule.Input
{
    /// <summary>How a contact field's raw value is read and converted (see ContactPayloadBuilder).</summary>
    internal enum ContactFieldKind
    {
        Text,
        Email,
        Phone,
        Country,
        Website,
        TimeZone,
        Date,
        YesNo,
        Tags,
        CustomFields,
        DndSettings,
        InboundDndSettings,
    }
}
