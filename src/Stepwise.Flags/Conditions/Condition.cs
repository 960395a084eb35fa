using System.Text.Json;

namespace Stepwise.Flags.Conditions;

/// <summary>
/// A targeting condition (GrowthBook / Mongo-style query) compiled into an evaluation tree. Immutable and
/// thread-safe; evaluation does not allocate for the common operators.
/// </summary>
public sealed class Condition
{
    private readonly ConditionNode _root;

    private Condition(ConditionNode root, JsonElement source, IReadOnlyList<string> errors)
    {
        _root = root;
        Source = source;
        Errors = errors;
    }

    /// <summary>The empty condition, which every attribute set satisfies.</summary>
    public static Condition Always { get; } = new(ConstantNode.True, default, []);

    /// <summary>The condition as it was written.</summary>
    public JsonElement Source { get; }

    /// <summary>Problems found while compiling; the offending parts never match.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>True when the condition compiled without problems.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Compiles <paramref name="condition"/>; never throws (malformed parts are reported in <see cref="Errors"/>).</summary>
    /// <param name="condition">A condition object.</param>
    /// <param name="savedGroups">Groups that <c>$inGroup</c> / <c>$notInGroup</c> refer to.</param>
    public static Condition Parse(JsonElement condition, SavedGroups? savedGroups = null) =>
        Compile(condition, savedGroups ?? SavedGroups.Empty, valueRoot: false);

    /// <summary>Compiles a prerequisite condition, evaluated against <c>{ "value": parentValue }</c>.</summary>
    internal static Condition ParseForValue(JsonElement condition, SavedGroups savedGroups) =>
        Compile(condition, savedGroups, valueRoot: true);

    private static Condition Compile(JsonElement condition, SavedGroups savedGroups, bool valueRoot)
    {
        var compiler = new ConditionCompiler(savedGroups);
        try
        {
            var source = condition.ValueKind == JsonValueKind.Undefined ? default : condition.Clone();
            var root = compiler.Compile(condition, valueRoot);
            return new Condition(root, source, compiler.Errors.ToArray());
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or ArgumentException)
        {
            return new Condition(ConstantNode.False, default, [.. compiler.Errors, e.Message]);
        }
    }

    /// <summary>True when <paramref name="attributes"/> (a JSON object; undefined means none) satisfy the condition.</summary>
    public bool Evaluate(JsonElement attributes) => _root.Matches(new AttributeScope(attributes, null));

    /// <summary>Evaluates against a unit's attributes through the context's member index.</summary>
    internal bool Evaluate(Evaluation.EvaluationContext context) => _root.Matches(new AttributeScope(context.Attributes, context.AttributeIndex));
}
