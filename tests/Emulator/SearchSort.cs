namespace ContactsEmulator;

public sealed record SearchSort(string Field, SearchFieldKind Kind, bool Descending);
