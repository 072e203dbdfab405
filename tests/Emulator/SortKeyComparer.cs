namespace ContactsEmulator;

/// <summary>Orders sort keys (sort values then id): null first, numbers before strings, strings ordinal.</summary>
public sealed class SortKeyComparer : IComparer<object[]>
{
    private readonly bool[] _descending;

    /// <param name="descending">Direction per key position; the trailing id is always ascending.</param>
    public SortKeyComparer(IReadOnlyList<SearchSort> sorts) =>
        _descending = sorts.Select(s => s.Descending).Append(false).ToArray();

    public int Compare(object[] x, object[] y)
    {
        for (var i = 0; i < _descending.Length; i++)
        {
            var c = CompareValues(x[i], y[i]);
            if (c != 0) return _descending[i] ? -c : c;
        }
        return 0;
    }

    public static int CompareValues(object a, object b)
    {
        if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
        return (a, b) switch
        {
            (long la, long lb) => la.CompareTo(lb),
            (string sa, string sb) => string.CompareOrdinal(sa, sb),
            (long, string) => -1,
            _ => 1,
        };
    }
}
