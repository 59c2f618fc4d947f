namespace VisionTracker.IntegrationTests.Support;

/// <summary>
/// A test of something only SQLite has (its file backups): it runs in the SQLite lane. scripts/test.sh leaves these out
/// of the PostgreSQL lane by their trait (<c>Lane=Sqlite</c>); run alone with VT_TEST_POSTGRES set they show as skipped.
/// </summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (PostgresTestDatabase.Server is not null)
        {
            Skip = "Needs the SQLite lane (VT_TEST_POSTGRES is set).";
        }
    }
}
