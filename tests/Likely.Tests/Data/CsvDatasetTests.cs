using Likely.Data;

namespace Likely.Tests.Data;

public sealed class CsvDatasetTests : IDisposable
{
    private readonly DataTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_StringLabels_ParsesFeaturesAndOrdersClassesOrdinally()
    {
        string path = _files.WriteText("pets.csv", "a,b,label\n1,2,dog\n3.5,-4,cat\n0,1e2,dog\n");

        Dataset data = CsvDataset.Read(path, new CsvDatasetOptions { Label = "label" });

        // Worked by hand from the file: rows (1, 2), (3.5, −4), (0, 100); classes in ordinal order cat < dog.
        Assert.Equal([1f, 2f, 3.5f, -4f, 0f, 100f], data.Features);
        Assert.Equal(["cat", "dog"], data.ClassNames);
        Assert.Equal([1, 0, 1], data.Labels);
        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal(2, data.FeatureCount);
    }

    [Fact]
    public void Read_IntegerLabels_OrdersClassesNumerically()
    {
        string path = _files.WriteText("numbers.csv", "y,x\n10,1\n2,2\n-1,3\n2,4\n");

        Dataset data = CsvDataset.Read(path, new CsvDatasetOptions { Label = "y" });

        // Numeric order −1 < 2 < 10 (ordinal string order would put "10" before "2").
        Assert.Equal(["-1", "2", "10"], data.ClassNames);
        Assert.Equal([2, 1, 0, 1], data.Labels);
        Assert.Equal([1f, 2f, 3f, 4f], data.Features);
    }

    [Fact]
    public void Read_IntegerLabelsZeroOneThree_ThrowsNamingTheGapAndTheLine()
    {
        // Labels 0, 1, 3 on lines 2, 3, 4 (the header is line 1): class 2 would be empty, and 3 is the value beyond it.
        string path = _files.WriteText("gap.csv", "y,x\n0,1\n1,2\n3,3\n");

        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Read(path, new CsvDatasetOptions { Label = "y" }));

        Assert.Contains(
            $"Label 3 at line 4 of '{path}' leaves class 2 empty; labels in column 'y' must be 0…K−1 with no gap (the other labels are 0 and 1).",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains("renumber the classes from 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StrayThirtyAmongDigitLabels_ThrowsNamingThirtyItsCountAndFirstLine()
    {
        // Rows 0…9 on lines 2…11, then 30 on lines 12 and 13: classes 10…29 would be empty.
        var text = new System.Text.StringBuilder("x,label\n");
        for (int k = 0; k < 10; k++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{k},{k}\n");
        }

        text.Append("1,30\n2,30\n");
        string path = _files.WriteText("stray.csv", text.ToString());

        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Read(path, new CsvDatasetOptions { Label = "label" }));

        Assert.Contains(
            $"Label 30 (2 times, first at line 12) of '{path}' leaves classes 10…29 empty; labels in column 'label' must be 0…K−1 with no gap (the other labels are 0…9).",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Read_IntegerLabelsCountedFromOne_ThrowsNamingClassZero()
    {
        string path = _files.WriteText("wine.csv", "x,class\n1,1\n2,2\n3,3\n");

        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Read(path, new CsvDatasetOptions { Label = "class" }));

        Assert.Contains($"Labels 1 at line 2, 2 at line 3 and 3 at line 4 of '{path}' leave class 0 empty;", error.Message, StringComparison.Ordinal);
        Assert.Contains("(no label is 0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_IntegerLabelsWithoutGap_LoadsWithLabelEqualToClassIndex()
    {
        string path = _files.WriteText("dense.csv", "x,y\n1,2\n2,0\n3,1\n4,2\n");

        Dataset data = CsvDataset.Read(path, new CsvDatasetOptions { Label = "y" });

        Assert.Equal(["0", "1", "2"], data.ClassNames);
        Assert.Equal([2, 0, 1, 2], data.Labels);
    }

    [Fact]
    public void Read_IntegerLabelsWithGapAndKnownClassNames_LoadsTheSubset()
    {
        // Evaluating a saved model with classes 0…3 on data that lack class 2 is legitimate.
        string path = _files.WriteText("subset.csv", "y,x\n0,1\n1,2\n3,3\n");

        Dataset data = CsvDataset.Read(path, new CsvDatasetOptions { Label = "y", ClassNames = ["0", "1", "2", "3"] });

        Assert.Equal(["0", "1", "2", "3"], data.ClassNames);
        Assert.Equal([0, 1, 3], data.Labels);
    }

    [Theory]
    [InlineData("-1", "1", new[] { "-1", "1" })]
    [InlineData("+1", "3", new[] { "+1", "3" })]
    [InlineData("01", "03", new[] { "01", "03" })]
    [InlineData("a1", "3", new[] { "3", "a1" })]
    public void Read_LabelsThatAreNotPlainWholeNumbers_AreNamesWithoutTheGapRule(string first, string second, string[] expectedClasses)
    {
        // Signed (-1/+1), zero-padded or mixed labels are names: ordered, but not class indices that must count from 0.
        string path = _files.WriteText("names.csv", $"y,x\n{first},1\n{second},2\n");

        Dataset data = CsvDataset.Read(path, new CsvDatasetOptions { Label = "y" });

        Assert.Equal(expectedClasses, data.ClassNames);
    }

    [Fact]
    public void Read_FeatureSelection_KeepsTheGivenOrderAndSkipsOtherColumns()
    {
        string path = _files.WriteText("wide.csv", "id,a,b,c,label\nx1,1,2,3,p\nx2,4,5,6,q\n");

        Dataset data = CsvDataset.Read(path, new CsvDatasetOptions { Label = "label", Features = ["c", "a"] });

        // Columns c then a: rows (3, 1) and (6, 4); the non-numeric 'id' column is never parsed.
        Assert.Equal([3f, 1f, 6f, 4f], data.Features);
        Assert.Equal(["c", "a"], data.FeatureNames);
    }

    [Fact]
    public void Read_KnownClassNames_UsesTheirOrder()
    {
        string path = _files.WriteText("known.csv", "x,label\n1,b\n2,a\n");

        Dataset data = CsvDataset.Read(path, new CsvDatasetOptions { Label = "label", ClassNames = ["c", "b", "a"] });

        Assert.Equal(["c", "b", "a"], data.ClassNames);
        Assert.Equal([1, 2], data.Labels);
    }

    [Fact]
    public void Read_UnknownLabelWithKnownClasses_ThrowsWithLineAndColumn()
    {
        string path = _files.WriteText("unknown.csv", "x,label\n1,a\n2,z\n");

        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Read(path, new CsvDatasetOptions { Label = "label", ClassNames = ["a", "b"] }));

        Assert.Contains("line 3, column 2 ('label')", error.Message, StringComparison.Ordinal);
        Assert.Contains("'z'", error.Message, StringComparison.Ordinal);
        Assert.Contains("a, b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RowWithWrongColumnCount_ThrowsWithLine()
    {
        string path = _files.WriteText("ragged.csv", "a,b,label\n1,2,x\n3,y\n");

        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Read(path, new CsvDatasetOptions { Label = "label" }));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 columns but the header has 3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", "'abc' is not a finite number")]
    [InlineData("NaN", "'NaN' is not a finite number")]
    [InlineData("Infinity", "'Infinity' is not a finite number")]
    [InlineData("", "the value is missing")]
    public void Read_BadFeature_ThrowsWithLineColumnAndValue(string value, string expected)
    {
        string path = _files.WriteText("bad.csv", $"a,b,label\n1,2,x\n3,{value},y\n");

        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Read(path, new CsvDatasetOptions { Label = "label" }));

        Assert.Contains("line 3, column 2 ('b')", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyLabel_ThrowsWithLineAndColumn()
    {
        string path = _files.WriteText("nolabel.csv", "label,a\nx,1\n,2\n");

        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Read(path, new CsvDatasetOptions { Label = "label" }));

        Assert.Contains("line 3, column 1 ('label')", error.Message, StringComparison.Ordinal);
        Assert.Contains("label is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownColumn_ListsTheAvailableColumns()
    {
        string path = _files.WriteText("cols.csv", "a,b,label\n1,2,x\n");

        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Read(path, new CsvDatasetOptions { Label = "label", Features = ["a", "zz"] }));

        Assert.Contains("no column 'zz'", error.Message, StringComparison.Ordinal);
        Assert.Contains("a, b, label", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoLabelOption_ThrowsArgumentException()
    {
        string path = _files.WriteText("x.csv", "a,label\n1,x\n");

        Assert.Throws<ArgumentException>(() => CsvDataset.Read(path, new CsvDatasetOptions()));
    }

    [Fact]
    public void Read_HeaderOnlyOrEmptyFile_ThrowsInvalidData()
    {
        string headerOnly = _files.WriteText("header.csv", "a,label\n");
        string empty = _files.WriteText("empty.csv", "");

        Assert.Contains("no data rows", Assert.Throws<InvalidDataException>(() => CsvDataset.Read(headerOnly, new CsvDatasetOptions { Label = "label" })).Message, StringComparison.Ordinal);
        Assert.Contains("is empty", Assert.Throws<InvalidDataException>(() => CsvDataset.Read(empty, new CsvDatasetOptions { Label = "label" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => CsvDataset.Read(_files.PathOf("absent.csv"), new CsvDatasetOptions { Label = "label" }));
    }

    [Fact]
    public void ReadFeatures_NoLabelColumn_ReadsTheNamedColumnsInOrder()
    {
        string path = _files.WriteText("new.csv", "b,a,extra\n2,1,zzz\n4,3,yyy\n6,5,xxx\n");

        float[] features = CsvDataset.ReadFeatures(path, ["a", "b"], out int rows);

        // Worked by hand: rows (a, b) = (1, 2), (3, 4), (5, 6).
        Assert.Equal(3, rows);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], features);
    }

    [Fact]
    public void ReadFeatures_MissingColumn_ListsTheAvailableColumns()
    {
        string path = _files.WriteText("new.csv", "b,a\n2,1\n");

        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.ReadFeatures(path, ["a", "c"], out _));

        Assert.Contains("no column 'c'; its columns are: b, a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ManyRows_GrowsPastTheInitialBuffer()
    {
        // 5,000 rows × 3 features exceeds the reader's first buffer (3 × 1,024 values), so growth is exercised.
        var text = new System.Text.StringBuilder("a,b,c,label\n");
        for (int i = 0; i < 5000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},{-i},{i % 7},{i % 3}\n");
        }

        string path = _files.WriteText("many.csv", text.ToString());

        Dataset data = CsvDataset.Read(path, new CsvDatasetOptions { Label = "label" });

        Assert.Equal(5000, data.RowCount);
        Assert.Equal([4999f, -4999f, 4999 % 7], data.Row(4999).ToArray());
        Assert.Equal(4999 % 3, data.Labels[4999]);
    }

    [Fact]
    public void Read_QuotedFieldsCrlfAndByteOrderMark_ParsesLikeAnyCsv()
    {
        string path = _files.PathOf("excel.csv");
        File.WriteAllText(path, "\uFEFF\"a\",b,label\r\n\"1.5\",2,\"x, y\"\r\n3,4,z\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        Dataset data = CsvDataset.Read(path, new CsvDatasetOptions { Label = "label" });

        // Worked by hand: quotes removed, the quoted comma kept inside the label, the BOM not part of the first name.
        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal([1.5f, 2f, 3f, 4f], data.Features);
        Assert.Equal(["x, y", "z"], data.ClassNames);
    }

    [Fact]
    public void Read_RepeatedColumnName_ThrowsInvalidData()
    {
        string path = _files.WriteText("dup.csv", "a,a,label\n1,2,x\n");

        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Read(path, new CsvDatasetOptions { Label = "label" }));

        Assert.Contains("distinct name", error.Message, StringComparison.Ordinal);
    }
}
