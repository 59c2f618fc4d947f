namespace VisionTracker.Api.Reporting;

/// <summary>Limits of the OData feed (section "OData"); every one of them bounds what a client controls.</summary>
public sealed class ReportingOptions
{
    public const string Section = "OData";

    /// <summary>Rows per response on every set; more come through @odata.nextLink.</summary>
    public int PageSize { get; set; } = 200;

    /// <summary>The largest $top a client may ask for (a page still holds at most <see cref="PageSize"/>).</summary>
    public int MaxTop { get; set; } = 1000;

    /// <summary>The largest $skip (deep paging through a huge set is a scan; filter instead).</summary>
    public int MaxSkip { get; set; } = 1_000_000;

    /// <summary>How deep $expand may nest (Visions → Themes → Goals is depth 2).</summary>
    public int MaxExpansionDepth { get; set; } = 3;

    /// <summary>The most nodes a $filter or $orderby syntax tree may have.</summary>
    public int MaxNodeCount { get; set; } = 100;

    /// <summary>
    /// The most rows one answer may read from the database, the page and everything expanded in it together; a query
    /// that would read more is refused (400) with a request to narrow it.
    /// </summary>
    public int MaxRowsPerResponse { get; set; } = 20_000;

    /// <summary>How long one request may read; then its statement is cancelled in the database and the answer is a 400.</summary>
    public double QueryTimeoutSeconds { get; set; } = 30;

    /// <summary>The longest query string accepted; $apply and $compute, which the library does not validate, are bounded by it.</summary>
    public int MaxQueryLength { get; set; } = 4096;
}
