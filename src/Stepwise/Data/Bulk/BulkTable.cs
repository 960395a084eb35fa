using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Stepwise.Data.Bulk;

/// <summary>How the rows of one entity type map to a table, read from the EF Core model so bulk writes store exactly what
/// SaveChanges would (same columns, same value conversions).</summary>
internal sealed class BulkTable
{
    public sealed record Column(string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter)
    {
        /// <summary>The value as the provider stores it (enums as text, instants as ticks on SQLite), or DBNull.</summary>
        public object ValueOf(object row)
        {
            var value = Getter.GetClrValueUsingContainingEntity(row);
            if (value is not null && Mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
            return value ?? DBNull.Value;
        }
    }

    /// <summary>The table name, quoted for the provider.</summary>
    public required string Name { get; init; }
    public required IReadOnlyList<Column> Columns { get; init; }
    /// <summary>The column names, quoted and comma-separated, in the order of <see cref="Columns"/>.</summary>
    public required string ColumnList { get; init; }

    /// <summary>Columns the database generates (an identity key left at its default in <paramref name="first"/>) are left out.</summary>
    public static BulkTable For(DbContext db, Type clrType, object first)
    {
        var type = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not an entity.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        if (type.GetProperties().FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
            throw new NotSupportedException($"{clrType.Name}.{shadow.Name} is a shadow property, which a bulk insert cannot read.");
        var columns = type.GetProperties()
            .Where(p => p.ValueGenerated == ValueGenerated.Never || !p.GetGetter().HasSentinelValueUsingContainingEntity(first))
            .Select(p => new Column(p.GetColumnName(table)!, (RelationalTypeMapping)p.GetTypeMapping(), p.GetGetter()))
            .ToList();
        return new BulkTable
        {
            Name = sql.DelimitIdentifier(table.Name, table.Schema),
            Columns = columns,
            ColumnList = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name))),
        };
    }
}
