using Stepwise.Careers.Framework;
using Stepwise.Careers.Framework.Files;
using Xunit;

namespace Stepwise.Tests.Careers;

public sealed class FrameworkFileTests
{
    [Fact]
    public void DefaultFramework_HasFiveCharacteristicsByFourSteps_AndMasteryPerDiscipline()
    {
        var f = DefaultFramework.Value;
        Assert.Equal(["Individual", "Squad / Chapter", "Tribe / Guild", "Technology / Company"], f.Steps.Select(s => s.Name));
        Assert.Equal(5, f.Characteristics.Count);
        Assert.All(f.Characteristics, c => Assert.Equal([1, 2, 3, 4], c.Cells.Select(x => x.Step)));
        var mastery = Assert.Single(f.Characteristics, c => c.IsMastery);
        Assert.Contains(mastery.Disciplines, d => d.Discipline == "backend");
    }

    [Theory]
    [InlineData(FrameworkFormat.Yaml)]
    [InlineData(FrameworkFormat.Json)]
    public void WriteThenRead_GivesTheSameFramework(FrameworkFormat format)
    {
        var text = FrameworkFileWriter.Write(DefaultFramework.Value, format);
        var read = FrameworkFileReader.Read(text, format);
        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
        Assert.Equal(FrameworkFileWriter.Write(DefaultFramework.Value, FrameworkFormat.Json), FrameworkFileWriter.Write(read.Framework!, FrameworkFormat.Json));
    }

    [Fact]
    public void Sections_RoundTripTheFramework()
    {
        var content = FrameworkSections.ToContent(DefaultFramework.Value);
        Assert.Contains(content.Sections, s => s.Id == "impact.2");
        Assert.Contains(content.Sections, s => s.Id == "mastery.frontend");
        var back = FrameworkSections.FromVersion(content.Structure, content.Sections);
        Assert.Equal(FrameworkFileWriter.Write(DefaultFramework.Value, FrameworkFormat.Json), FrameworkFileWriter.Write(back, FrameworkFormat.Json));
    }

    [Fact]
    public void CellText_KeepsExamplesApartFromTheExpectation()
    {
        var cell = FrameworkSections.ParseCell(2, "Does the thing.\n\nExamples:\n- First\n  continued\n- Second");
        Assert.Equal("Does the thing.", cell.Expected);
        Assert.Equal(["First continued", "Second"], cell.Examples);
        Assert.Empty(FrameworkSections.ParseCell(1, "No examples here.").Examples);
    }

    [Fact]
    public void Read_YamlWithErrors_GivesPathsLinesAndColumns()
    {
        const string yaml = "key: ok\ntitle: T\nsteps:\n  - number: one\n    name: A\n    sphere: B\ncharacteristics: []\n";
        var result = FrameworkFileReader.Read(yaml, FrameworkFormat.Yaml);
        Assert.False(result.Succeeded);
        var number = Assert.Single(result.Errors, e => e.Path == "$.steps[0].number");
        Assert.Equal((4, 13), (number.Line, number.Column)); // 1-based, at the value "one"
        Assert.Contains(result.Errors, e => e.Path == "$.characteristics");
    }

    [Fact]
    public void Read_BrokenYaml_GivesTheLine()
    {
        var result = FrameworkFileReader.Read("key: a\ntitle: [unclosed\n", FrameworkFormat.Yaml);
        var error = Assert.Single(result.Errors);
        Assert.NotNull(error.Line);
        Assert.Equal("$", error.Path);
    }
}
