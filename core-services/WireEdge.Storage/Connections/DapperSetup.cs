using System.Data;
using Dapper;

namespace WireEdge.Storage.Connections;

/// <summary>
/// Dapper type handlers so that UUIDs travel as lowercase dashed text on both engines (the schema
/// stores them as TEXT). Call <see cref="Configure"/> once before using a store; it is idempotent.
/// </summary>
public static class DapperSetup
{
    private static int configured;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref configured, 1) == 1)
        {
            return;
        }

        SqlMapper.RemoveTypeMap(typeof(Guid));
        SqlMapper.RemoveTypeMap(typeof(Guid?));
        SqlMapper.AddTypeHandler(new GuidTextHandler());
    }

    private sealed class GuidTextHandler : SqlMapper.TypeHandler<Guid>
    {
        public override Guid Parse(object value) => value switch
        {
            Guid g => g,
            string s => Guid.Parse(s),
            byte[] b => new Guid(b),
            _ => Guid.Parse(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!),
        };

        public override void SetValue(IDbDataParameter parameter, Guid value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString("D");
        }
    }
}
