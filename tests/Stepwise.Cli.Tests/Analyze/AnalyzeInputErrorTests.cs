using System.Text;
using Xunit;

namespace Stepwise.Cli.Tests.Analyze;

/// <summary>Every kind of bad input ends with exit code 2 and one line naming the file, line and column.</summary>
public sealed class AnalyzeInputErrorTests
{
    private const string Header = "unit_id,variant,revenue\n";

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "missing column", "unit_id,group,revenue\nu1,control,1\n", "data.csv:1:1: missing column 'variant'; the header is 'unit_id,group,revenue' but needs unit_id, variant and one column per metric" },
        { "no metric", "unit_id,variant\nu1,control\n", "data.csv:1:3: no metric columns; after unit_id and variant add one numeric column per metric (for example revenue)" },
        { "orphan covariate", "unit_id,variant,revenue,spend_pre\nu1,control,1,2\n", "data.csv:1:4: column 'spend_pre' is named like the pre-period covariate of a metric 'spend', but there is no metric column 'spend'; rename it if it is a metric of its own" },
        { "duplicate column", "unit_id,variant,revenue,revenue\nu1,control,1,1\n", "data.csv:1:4: duplicate column 'revenue' (also column 3); every column needs its own name" },
        { "unnamed column", "unit_id,variant,,revenue\nu1,control,1,1\n", "data.csv:1:3: column 3 of the header has no name" },
        { "not a number", Header + "u1,control,1\nu2,treatment,2\nu3,treatment,abc\n", "data.csv:4:3: 'abc' in column 'revenue' is not a number" },
        { "decimal comma", "unit_id,variant,revenue,clicks\nu1,control,1,2\nu2,treatment,\"1,5\",2\n", "data.csv:3:3: '1,5' in column 'revenue' is not a number" },
        { "empty value", Header + "u1,control,\n", "data.csv:2:3: empty value in column 'revenue'; every row needs a number there" },
        { "NaN", Header + "u1,control,1\nu2,treatment,NaN\n", "data.csv:3:3: 'NaN' in column 'revenue' is not a finite number; NaN and infinities cannot be analysed" },
        { "Infinity", Header + "u1,control,-Infinity\n", "data.csv:2:3: '-Infinity' in column 'revenue' is not a finite number; NaN and infinities cannot be analysed" },
        { "overflow", Header + "u1,control,1e999\n", "data.csv:2:3: '1e999' in column 'revenue' is not a finite number; NaN and infinities cannot be analysed" },
        { "too few fields", Header + "u1,control,1\nu2,treatment\n", "data.csv:3:3: this row has 2 fields but the header has 3; missing: revenue" },
        { "too many fields", Header + "u1,control,1\nu2,treatment,1,5\n", "data.csv:3:4: this row has 4 fields but the header has 3; a value may contain an unquoted comma" },
        { "empty file", "", "data.csv:1:1: the file is empty; expected a header line such as 'unit_id,variant,revenue' and one row per unit" },
        { "only a BOM", "\uFEFF", "data.csv:1:1: the file is empty; expected a header line such as 'unit_id,variant,revenue' and one row per unit" },
        { "blank first line", "\nunit_id,variant,revenue\n", "data.csv:1:1: the first line is empty; expected a header line such as 'unit_id,variant,revenue'" },
        { "header only", Header, "data.csv:2:1: no data rows after the header; expected one row per unit" },
        { "single variant", Header + "u1,control,1\nu2,control,2\n", "data.csv:1:2: only one variant ('control') in column 'variant'; an experiment needs a control and at least one other variant" },
        { "no control", Header + "u1,a,1\nu2,b,2\n", "data.csv:1:2: the control variant 'control' is not in column 'variant' (found: a, b); name it with --control" },
        { "empty variant", Header + "u1,control,1\nu2,,2\n", "data.csv:3:2: empty value in column 'variant'; every row needs the name of its variant" },
        { "empty unit id", Header + "u1,control,1\n,treatment,2\n", "data.csv:3:1: empty value in column 'unit_id'; every row needs a unit id" },
        { "unclosed quote", Header + "u1,control,1\nu2,\"treatment,2\nu3,control,3\n", "data.csv:3:2: this quoted field is never closed; a '\"' is missing" },
        { "stray quote", Header + "u1,control,1\nu2,treat\"ment,2\n", "data.csv:3:2: a '\"' inside an unquoted field; put the whole field in quotes and double the '\"'" },
        { "text after quote", Header + "u1,\"control\"x,1\n", "data.csv:2:2: unexpected text after the closing '\"' of a quoted field; put the whole field in quotes and double any '\"' inside it" },
        { "error after multi-line field", Header + "u1,control,1\n\"u\n2\",treatment,x\n", "data.csv:4:3: 'x' in column 'revenue' is not a number" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Analyze_BadFile_ExitsTwoWithFileLineAndColumn(string problem, string content, string message)
    {
        using var cli = new CliRunner();
        cli.WriteFile("data.csv", content);

        var result = await cli.RunAsync("analyze", "--input", "data.csv", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.BadInput, $"{problem}: exit {result.ExitCode}, stderr: {result.Error}");
        Assert.Equal([message], result.ErrorLines);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Analyze_InvalidUtf8_NamesLineColumnAndByte()
    {
        using var cli = new CliRunner();
        var bytes = Encoding.UTF8.GetBytes(Header + "u1,control,1\nu2,tr").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes("atment,2\n")).ToArray();
        cli.WriteFile("data.csv", bytes);

        var result = await cli.RunAsync("analyze", "--input", "data.csv");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(["data.csv:3:2: not valid UTF-8 (byte 0xE9 at byte offset 42); save the file as UTF-8 and try again"], result.ErrorLines);
    }

    [Fact]
    public async Task Analyze_MissingFile_NamesTheFile()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("analyze", "--input", "nowhere/data.csv");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(["nowhere/data.csv: no such file"], result.ErrorLines);
    }

    [Fact]
    public async Task Analyze_Directory_SaysItIsADirectory()
    {
        using var cli = new CliRunner();
        Directory.CreateDirectory(Path.Combine(cli.WorkingDirectory, "folder"));

        var result = await cli.RunAsync("analyze", "--input", "folder");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(["folder: is a directory, expected a CSV file"], result.ErrorLines);
    }

    [Theory]
    [InlineData("control=1,b=1", "data.csv:1:2: --weights names 'b', which is not a variant in column 'variant' (found: control, treatment)")]
    [InlineData("control=1", "data.csv:1:2: --weights gives no weight for variant 'treatment'; give one weight per variant (found: control, treatment)")]
    public async Task Analyze_WeightsThatDoNotMatchTheVariants_ExitTwo(string weights, string message)
    {
        using var cli = new CliRunner();
        cli.WriteFile("data.csv", Header + "u1,control,1\nu2,treatment,2\n");

        var result = await cli.RunAsync("analyze", "--input", "data.csv", "--weights", weights);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal([message], result.ErrorLines);
    }

    [Fact]
    public async Task Analyze_UnknownControlOption_ListsTheVariants()
    {
        using var cli = new CliRunner();
        cli.WriteFile("data.csv", "unit_id,variant,revenue\r\nu1,control,1\r\nu2,treatment,2\r\n");

        var result = await cli.RunAsync("analyze", "--input", "data.csv", "--control", "baseline");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(["data.csv:1:2: the control variant 'baseline' is not in column 'variant' (found: control, treatment); name it with --control"], result.ErrorLines);
    }

    [Fact]
    public async Task Analyze_TooManyVariants_SaysTheColumnLooksWrong()
    {
        using var cli = new CliRunner();
        var text = new StringBuilder("unit_id,variant,revenue\n");
        for (int i = 0; i <= 100; i++) text.Append(System.Globalization.CultureInfo.InvariantCulture, $"u{i},v{i},1\n");
        cli.WriteFile("data.csv", text.ToString());

        var result = await cli.RunAsync("analyze", "--input", "data.csv");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(["data.csv:102:2: more than 100 different values in column 'variant'; it should hold the variant names (such as control and treatment), not one value per unit"], result.ErrorLines);
    }
}
