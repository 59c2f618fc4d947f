using System.Data.Common;
using System.Reflection;
using Microsoft.OData;
using VisionTracker.Infrastructure.Persistence;

namespace VisionTracker.Api.Reporting;

/// <summary>Which failures of running a query are the client's, and what to tell them; anything else is ours and stays a 500.</summary>
public static class ODataQueryErrors
{
    /// <summary>What is wrong with the client's query, or null when the failure is not the client's.</summary>
    public static string? Explain(Exception e) => e switch
    {
        TargetInvocationException { InnerException: { } inner } => Explain(inner),
        ODataException => e.Message,
        InvalidOperationException { InnerException: { } inner } when e.Message.Contains("query parameter expression", StringComparison.Ordinal) =>
            $"The query cannot be answered: {FirstLine(inner.Message)}",
        InvalidOperationException when e.Message.Contains("could not be translated", StringComparison.Ordinal) =>
            "The query cannot be answered by the database (it would need to read whole tables into memory). Simplify the $filter, $apply or $compute.",
        NotImplementedException => $"The query uses something this service does not implement: {FirstLine(e.Message)}",
        InvalidOperationException or NotSupportedException or ArgumentException or FormatException or ArithmeticException =>
            $"The query cannot be answered: {FirstLine(e.Message)}",
        DbException db when DatabaseErrors.IsQueryError(db) =>
            "The database cannot answer this query (it uses an operation or a value the database does not support). Simplify the $filter, $apply or $compute.",
        _ => null,
    };

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
