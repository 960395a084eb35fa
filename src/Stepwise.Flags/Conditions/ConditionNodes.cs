using System.Text.Json;

namespace Stepwise.Flags.Conditions;

/// <summary>A compiled condition over an attribute object (a node of the evaluation tree).</summary>
internal abstract class ConditionNode
{
    public abstract bool Matches(in AttributeScope scope);
}

internal sealed class ConstantNode(bool result) : ConditionNode
{
    public static readonly ConstantNode True = new(true);
    public static readonly ConstantNode False = new(false);

    public override bool Matches(in AttributeScope scope) => result;
}

/// <summary><c>$and</c>, and the implicit conjunction of an object's keys.</summary>
internal sealed class AllOfNode(ConditionNode[] children) : ConditionNode
{
    public override bool Matches(in AttributeScope scope)
    {
        foreach (var child in children)
        {
            if (!child.Matches(scope))
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary><c>$or</c>; an empty list matches (GrowthBook semantics), which also makes an empty <c>$nor</c> fail.</summary>
internal sealed class AnyOfNode(ConditionNode[] children) : ConditionNode
{
    public override bool Matches(in AttributeScope scope)
    {
        if (children.Length == 0)
        {
            return true;
        }
        foreach (var child in children)
        {
            if (child.Matches(scope))
            {
                return true;
            }
        }
        return false;
    }
}

internal sealed class NotNode(ConditionNode inner) : ConditionNode
{
    public override bool Matches(in AttributeScope scope) => !inner.Matches(scope);
}

/// <summary>Resolves one attribute path and tests its value.</summary>
internal sealed class FieldNode(AttributePath? path, ValueTest test) : ConditionNode
{
    /// <summary>A null path means "never present" (e.g. a prerequisite condition on something other than value).</summary>
    public override bool Matches(in AttributeScope scope)
    {
        if (path is null)
        {
            return test.Test(default(JsonElement));
        }
        return scope.Index is { } index && path.IsSingleSegment ? test.Test(index.GetValue(path.First)) : test.Test(path.Resolve(scope));
    }
}
