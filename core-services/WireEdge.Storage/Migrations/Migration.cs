using WireEdge.Storage.Connections;

namespace WireEdge.Storage.Migrations;

/// <summary>
/// One versioned schema change of one module (brig, galley, gundeck, ...). Versions are per module,
/// so services evolve their schemas independently; the SQL may differ per dialect.
/// </summary>
public sealed record Migration(string Module, int Version, string Name, Func<SqlDialect, string> Sql)
{
    public Migration(string module, int version, string name, string portableSql)
        : this(module, version, name, _ => portableSql)
    {
    }
}

/// <summary>Implemented by each service module to contribute its migrations.</summary>
public interface IMigrationSource
{
    IEnumerable<Migration> Migrations { get; }
}
