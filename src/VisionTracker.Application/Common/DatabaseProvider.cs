using Microsoft.EntityFrameworkCore.Infrastructure;

namespace VisionTracker.Application.Common;

/// <summary>Which database a context runs on, for the few statements only PostgreSQL needs (the Application knows no provider package).</summary>
public static class DatabaseProvider
{
    public static bool IsPostgres(this DatabaseFacade database) =>
        database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
}
