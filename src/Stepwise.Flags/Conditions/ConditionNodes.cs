using System.Text.Json;

namespace Stepwise.Flags.Conditions;

/// <summary>A compiled condition over an attribute object (a node of the evaluation tree).</summary>
internal abstract class ConditionNode
{
    public abstract bool Matches(JsonElement root);
}

internal sealed class ConstantNode(bool result) : ConditionNode
{
    public static readonly ConstantNode True = new(true);
    public static readonly ConstantNode False = new(false);

    public override bool Matches(JsonElement root) => result;
}

/// <summary><c>$and</c>, and the implicit conjunction of an object's keys.</summary>
internal sealed class AllOfNode(ConditionNode[] children) : ConditionNode
{
    public override bool Matches(JsonElement root)
    {
        foreach (var child in children)
        {
            if (!child.Matches(root))
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
    public override bool Matches(JsonElement root)
    {
        if (children.Length == 0)
        {
            return true;
        }
        foreach (var child in children)
        {
            if (child.Matches(root))
            {
                return true;
            }
        }
        return false;
    }
}

internal sealed class NotNode(ConditionNode inner) : ConditionNode
{
    public override bool Matches(JsonElement root) => !inner.Matches(root);
}

/// <summary>Resolves one attribute path and tests its value.</summary>
internal sealed class FieldNode(AttributePath? path, ValueTest test) : ConditionNode
{
    /// <summary>A null path means "never present" (e.g. a prerequisite condition on something other than value).</summary>
    public override bool Matches(JsonElement root) => test.Test(path is null ? default : path.Resolve(root));
}
