using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using VisionTracker.Domain.Figures;

namespace VisionTracker.Bench.Reads;

/// <summary>
/// The quoted column names of the stored area figures (<see cref="PeriodFigure"/>) and snapshots
/// (<see cref="ProgressSnapshot"/>), looked up by property name in the service's model, inside complex types too: the
/// hand-written SQL keeps working when the figure columns move into a shared type.
/// </summary>
public sealed class FigureColumns(IModel model)
{
    public string Area(string property) => Column(typeof(PeriodFigure), property);

    public string Snapshot(string property) => Column(typeof(ProgressSnapshot), property);

    private string Column(Type type, string property)
    {
        var entity = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var found = entity.GetProperties().FirstOrDefault(p => p.Name == property)
            ?? entity.GetComplexProperties().SelectMany(c => c.ComplexType.GetProperties()).FirstOrDefault(p => p.Name == property)
            ?? throw new InvalidOperationException($"{type.Name} has no property {property}; update the hand-written SQL in bench/VisionTracker.Bench/Reads.");
        return "\"" + found.GetColumnName(table) + "\"";
    }
}
