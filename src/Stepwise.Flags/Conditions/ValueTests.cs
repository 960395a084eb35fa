using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Stepwise.Flags.Json;

namespace Stepwise.Flags.Conditions;

/// <summary>A compiled test of one attribute value (a condition value or an operator).</summary>
internal abstract class ValueTest
{
    public abstract bool Test(JsonElement value);

    /// <summary>Tests an indexed top-level attribute; the common tests override it to use the decoded forms.</summary>
    public virtual bool Test(AttributeValue value) => Test(value.Element);
}

internal sealed class ConstantTest(bool result) : ValueTest
{
    public static readonly ConstantTest False = new(false);

    public override bool Test(JsonElement value) => result;
}

/// <summary>Several operators on one attribute (<c>{"$gt": 1, "$lt": 9}</c>): all must hold.</summary>
internal sealed class AllTests(ValueTest[] tests) : ValueTest
{
    public override bool Test(JsonElement value)
    {
        foreach (var test in tests)
        {
            if (!test.Test(value))
            {
                return false;
            }
        }
        return true;
    }

    public override bool Test(AttributeValue value)
    {
        foreach (var test in tests)
        {
            if (!test.Test(value))
            {
                return false;
            }
        }
        return true;
    }
}

internal sealed class NotTest(ValueTest inner) : ValueTest
{
    public override bool Test(JsonElement value) => !inner.Test(value);
}

/// <summary>A string condition value: JavaScript <c>String(value) === expected</c>.</summary>
internal sealed class LooseStringEqualsTest(string expected) : ValueTest
{
    private readonly byte[] _utf8 = Encoding.UTF8.GetBytes(expected);

    public override bool Test(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.ValueEquals(_utf8)
        : JsSemantics.ToJsString(value, stackalloc char[64]).SequenceEqual(expected);

    public override bool Test(AttributeValue value) => value.Utf8 is { } utf8 ? utf8.AsSpan().SequenceEqual(_utf8) : Test(value.Element);
}

/// <summary>A number condition value: JavaScript <c>value * 1 === expected</c>.</summary>
internal sealed class LooseNumberEqualsTest(double expected) : ValueTest
{
    public override bool Test(JsonElement value) => JsSemantics.ToNumber(value) == expected;
}

/// <summary>A boolean condition value: a present value whose truthiness equals it.</summary>
internal sealed class LooseBooleanEqualsTest(bool expected) : ValueTest
{
    public override bool Test(JsonElement value) => !JsSemantics.IsNullish(value) && JsSemantics.IsTruthy(value) == expected;
}

internal sealed class IsNullTest : ValueTest
{
    public static readonly IsNullTest Instance = new();

    public override bool Test(JsonElement value) => JsSemantics.IsNullish(value);
}

/// <summary>An array or plain-object condition value: structural equality.</summary>
internal sealed class DeepEqualsTest(JsonElement expected) : ValueTest
{
    public override bool Test(JsonElement value) => JsSemantics.DeepEquals(value, expected);
}

/// <summary><c>$eq</c> / <c>$ne</c>: JavaScript strict equality.</summary>
internal sealed class StrictEqualsTest(JsonElement expected, bool negate) : ValueTest
{
    public override bool Test(JsonElement value) => JsSemantics.StrictEquals(value, expected) != negate;
}

internal enum Comparison
{
    LessThan,
    LessOrEqual,
    GreaterThan,
    GreaterOrEqual,
}

/// <summary>
/// <c>$lt $lte $gt $gte</c> with JavaScript relational semantics: two strings compare by UTF-16 code units,
/// anything else compares as numbers (null is 0, "8" is 8), and NaN makes every comparison false.
/// </summary>
internal sealed class CompareTest : ValueTest
{
    private readonly Comparison _comparison;
    private readonly string? _expectedString;
    private readonly double _expectedNumber;

    public CompareTest(Comparison comparison, JsonElement expected)
    {
        _comparison = comparison;
        _expectedString = expected.ValueKind == JsonValueKind.String ? expected.GetString() : null;
        _expectedNumber = JsSemantics.ToNumber(expected);
    }

    public override bool Test(JsonElement value)
    {
        if (_expectedString is not null && value.ValueKind == JsonValueKind.String)
        {
            var actual = JsSemantics.ToJsString(value, stackalloc char[JsSemantics.StackTextLength]);
            return Holds(actual.SequenceCompareTo(_expectedString));
        }
        var number = JsSemantics.ToNumber(value);
        if (double.IsNaN(number) || double.IsNaN(_expectedNumber))
        {
            return false;
        }
        return Holds(number.CompareTo(_expectedNumber));
    }

    public override bool Test(AttributeValue value)
    {
        if (value.Kind != JsonValueKind.Number || _expectedString is not null)
        {
            return Test(value.Element);
        }
        return !double.IsNaN(value.Number) && !double.IsNaN(_expectedNumber) && Holds(value.Number.CompareTo(_expectedNumber));
    }

    private bool Holds(int order) => _comparison switch
    {
        Comparison.LessThan => order < 0,
        Comparison.LessOrEqual => order <= 0,
        Comparison.GreaterThan => order > 0,
        _ => order >= 0,
    };
}

/// <summary><c>$veq $vne $vgt $vgte $vlt $vlte</c>: ordinal comparison of padded version strings.</summary>
internal sealed class VersionTest(string op, string expectedVersion) : ValueTest
{
    private readonly string _expected = PaddedVersion.Format(expectedVersion);

    // Which orderings satisfy the operator, decided once instead of switching on the name per evaluation.
    private readonly bool _acceptLess = op is "$vne" or "$vlt" or "$vlte";
    private readonly bool _acceptEqual = op is "$veq" or "$vgte" or "$vlte";
    private readonly bool _acceptGreater = op is "$vne" or "$vgt" or "$vgte";

    public override bool Test(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        var text = JsSemantics.ToJsString(value, stackalloc char[JsSemantics.StackTextLength]);
        if (text.Length > JsSemantics.StackTextLength)
        {
            return Holds(PaddedVersion.Format(text).AsSpan().SequenceCompareTo(_expected));
        }
        Span<char> padded = stackalloc char[PaddedVersion.MaxLength(JsSemantics.StackTextLength)];
        var length = PaddedVersion.Format(text, padded);
        return Holds(padded[..length].SequenceCompareTo(_expected));
    }

    private bool Holds(int order) => order < 0 ? _acceptLess : order == 0 ? _acceptEqual : _acceptGreater;
}

/// <summary><c>$in $nin $ini $nini $inGroup $notInGroup</c>.</summary>
internal sealed class InTest(MemberSet members, bool negate) : ValueTest
{
    public override bool Test(JsonElement value) => members.Intersects(value) != negate;

    public override bool Test(AttributeValue value) =>
        (value.Utf8 is { } utf8 && members.TryContainsUtf8(utf8, out var found) ? found : members.Intersects(value.Element)) != negate;
}

/// <summary><c>$regex</c> / <c>$regexi</c>; non-strings are tested as their JavaScript string form.</summary>
internal sealed class RegexTest(Regex regex) : ValueTest
{
    public override bool Test(JsonElement value)
    {
        try
        {
            return regex.IsMatch(JsSemantics.ToJsString(value, stackalloc char[JsSemantics.StackTextLength]));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}

internal sealed class TypeTest(string typeName) : ValueTest
{
    public override bool Test(JsonElement value) => JsSemantics.TypeName(value) == typeName;
}

internal sealed class ExistsTest(bool shouldExist) : ValueTest
{
    public override bool Test(JsonElement value) => JsSemantics.IsNullish(value) != shouldExist;
}

/// <summary><c>$size</c>: the array length tested with a nested condition value.</summary>
internal sealed class SizeTest(ValueTest lengthTest) : ValueTest
{
    public override bool Test(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array && lengthTest.Test(SmallIntegers.Get(value.GetArrayLength()));
}

/// <summary><c>$elemMatch</c>: some element passes an operator test or a nested condition.</summary>
internal sealed class ElemMatchTest(ValueTest? valueTest, ConditionNode? condition) : ValueTest
{
    public override bool Test(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }
        foreach (var item in value.EnumerateArray())
        {
            if (valueTest?.Test(item) ?? condition!.Matches(new AttributeScope(item, null)))
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary><c>$all</c> / <c>$alli</c>: every expected entry is matched by some element of the array.</summary>
internal sealed class AllElementsTest(ValueTest[] required) : ValueTest
{
    public override bool Test(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }
        foreach (var test in required)
        {
            var found = false;
            foreach (var item in value.EnumerateArray())
            {
                if (test.Test(item))
                {
                    found = true;
                    break;
                }
            }
            if (!found)
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>Case-insensitive string equality used by <c>$alli</c>.</summary>
internal sealed class IgnoreCaseEqualsTest(string expected) : ValueTest
{
    public override bool Test(JsonElement value) => value.ValueKind == JsonValueKind.String
        && JsSemantics.ToJsString(value, stackalloc char[JsSemantics.StackTextLength]).Equals(expected, StringComparison.OrdinalIgnoreCase);
}
