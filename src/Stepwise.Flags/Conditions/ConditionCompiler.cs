using System.Text.Json;
using System.Text.RegularExpressions;
using Stepwise.Flags.Json;

namespace Stepwise.Flags.Conditions;

/// <summary>
/// Turns a GrowthBook (Mongo-style) condition into an evaluation tree once, at load time. Anything malformed
/// (unknown operator, invalid regex, wrong operand type) compiles to a node that does not match, and is
/// reported in <see cref="Errors"/> so callers can fail closed.
/// </summary>
internal sealed class ConditionCompiler(SavedGroups savedGroups)
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(50);

    public List<string> Errors { get; } = [];

    /// <summary>Compiles a condition object. With <paramref name="valueRoot"/> the root is a prerequisite's
    /// value, reachable only as the attribute <c>value</c> (GrowthBook evaluates <c>{ value: parentValue }</c>).</summary>
    public ConditionNode Compile(JsonElement condition, bool valueRoot = false)
    {
        if (condition.ValueKind != JsonValueKind.Object)
        {
            return Fail($"condition must be an object, not {condition.ValueKind}");
        }
        var children = new List<ConditionNode>();
        foreach (var property in condition.EnumerateObject())
        {
            children.Add(property.Name switch
            {
                "$or" => new AnyOfNode(CompileList(property.Value, valueRoot)),
                "$nor" => new NotNode(new AnyOfNode(CompileList(property.Value, valueRoot))),
                "$and" => new AllOfNode(CompileList(property.Value, valueRoot)),
                "$not" => new NotNode(Compile(property.Value, valueRoot)),
                _ => new FieldNode(PathFor(property.Name, valueRoot), CompileValue(property.Value)),
            });
        }
        return children.Count switch
        {
            0 => ConstantNode.True,
            1 => children[0],
            _ => new AllOfNode([.. children]),
        };
    }

    private static AttributePath? PathFor(string name, bool valueRoot)
    {
        var path = new AttributePath(name);
        if (!valueRoot)
        {
            return path;
        }
        // {"value": ...} tests the parent's value itself; {"value.x": ...} looks inside it; anything else is absent.
        return path.Segments[0] == "value" ? path.Tail() : null;
    }

    private ConditionNode[] CompileList(JsonElement list, bool valueRoot)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            Errors.Add($"$and/$or/$nor expects an array, not {list.ValueKind}");
            return [ConstantNode.False];
        }
        return [.. list.EnumerateArray().Select(c => Compile(c, valueRoot))];
    }

    /// <summary>A condition value: a literal to compare with, or an object of operators.</summary>
    public ValueTest CompileValue(JsonElement expected)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.String:
                return new LooseStringEqualsTest(expected.GetString()!);
            case JsonValueKind.Number:
                return new LooseNumberEqualsTest(expected.GetDouble());
            case JsonValueKind.True:
            case JsonValueKind.False:
                return new LooseBooleanEqualsTest(expected.ValueKind == JsonValueKind.True);
            case JsonValueKind.Null:
                return IsNullTest.Instance;
            case JsonValueKind.Object when IsOperatorObject(expected):
                var tests = expected.EnumerateObject().Select(p => CompileOperator(p.Name, p.Value)).ToArray();
                return tests.Length == 1 ? tests[0] : new AllTests(tests);
            default:
                return new DeepEqualsTest(expected.Clone());
        }
    }

    private static bool IsOperatorObject(JsonElement value)
    {
        var any = false;
        foreach (var property in value.EnumerateObject())
        {
            if (!property.Name.StartsWith('$'))
            {
                return false;
            }
            any = true;
        }
        return any;
    }

    private ValueTest CompileOperator(string op, JsonElement operand)
    {
        switch (op)
        {
            case "$eq":
            case "$ne":
                return new StrictEqualsTest(operand.Clone(), negate: op == "$ne");
            case "$lt":
                return new CompareTest(Comparison.LessThan, operand);
            case "$lte":
                return new CompareTest(Comparison.LessOrEqual, operand);
            case "$gt":
                return new CompareTest(Comparison.GreaterThan, operand);
            case "$gte":
                return new CompareTest(Comparison.GreaterOrEqual, operand);
            case "$in":
            case "$nin":
            case "$ini":
            case "$nini":
                if (operand.ValueKind != JsonValueKind.Array)
                {
                    return FailTest($"{op} expects an array");
                }
                return new InTest(new MemberSet(operand, ignoreCase: op.EndsWith('i')), negate: op.StartsWith("$n", StringComparison.Ordinal));
            case "$inGroup":
            case "$notInGroup":
                if (operand.ValueKind != JsonValueKind.String)
                {
                    return FailTest($"{op} expects a saved group id");
                }
                return new InTest(savedGroups.Get(operand.GetString()!), negate: op == "$notInGroup");
            case "$all":
            case "$alli":
                if (operand.ValueKind != JsonValueKind.Array)
                {
                    return FailTest($"{op} expects an array");
                }
                return new AllElementsTest([.. operand.EnumerateArray().Select(e => op == "$alli" && e.ValueKind == JsonValueKind.String
                    ? new IgnoreCaseEqualsTest(e.GetString()!)
                    : CompileValue(e))]);
            case "$size":
                return new SizeTest(CompileValue(operand));
            case "$elemMatch":
                return operand.ValueKind == JsonValueKind.Object && IsOperatorObject(operand)
                    ? new ElemMatchTest(CompileValue(operand), null)
                    : new ElemMatchTest(null, Compile(operand));
            case "$not":
                return new NotTest(CompileValue(operand));
            case "$exists":
                return new ExistsTest(JsSemantics.IsTruthy(operand));
            case "$type":
                return operand.ValueKind == JsonValueKind.String ? new TypeTest(operand.GetString()!) : FailTest("$type expects a type name");
            case "$regex":
            case "$regexi":
                return CompileRegex(op, operand);
            case "$veq":
            case "$vne":
            case "$vgt":
            case "$vgte":
            case "$vlt":
            case "$vlte":
                return operand.ValueKind == JsonValueKind.String
                    ? new VersionTest(op, operand.GetString()!)
                    : FailTest($"{op} expects a version string");
            default:
                return FailTest($"unknown operator {op}");
        }
    }

    private ValueTest CompileRegex(string op, JsonElement operand)
    {
        if (operand.ValueKind != JsonValueKind.String)
        {
            return FailTest($"{op} expects a pattern string");
        }
        var pattern = operand.GetString()!;
        var options = op == "$regexi" ? RegexOptions.IgnoreCase : RegexOptions.None;
        try
        {
            // ECMAScript mode matches JavaScript's \d, \w and backreference rules; fall back for constructs it rejects.
            return new RegexTest(new Regex(pattern, options | RegexOptions.ECMAScript, RegexTimeout));
        }
        catch (ArgumentException)
        {
            try
            {
                return new RegexTest(new Regex(pattern, options | RegexOptions.CultureInvariant, RegexTimeout));
            }
            catch (ArgumentException e)
            {
                return FailTest($"invalid regular expression '{pattern}': {e.Message}");
            }
        }
    }

    private ConstantNode Fail(string error)
    {
        Errors.Add(error);
        return ConstantNode.False;
    }

    private ConstantTest FailTest(string error)
    {
        Errors.Add(error);
        return ConstantTest.False;
    }
}
