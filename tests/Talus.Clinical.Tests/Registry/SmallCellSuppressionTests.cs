using Talus.Clinical.Registry;
using static Talus.Clinical.Registry.Suppression;

namespace Talus.Clinical.Tests.Registry;

public class SmallCellSuppressionTests
{
    [Theory]
    [InlineData(0, 5, false)]
    [InlineData(1, 5, true)]
    [InlineData(4, 5, true)]
    [InlineData(5, 5, false)]
    [InlineData(10, 11, true)]
    [InlineData(11, 11, false)]
    public void IsSmall_CountAgainstThreshold(int count, int threshold, bool small) =>
        Assert.Equal(small, SmallCellSuppression.IsSmall(count, threshold));

    public static TheoryData<int[], Suppression[]> Cases => new()
    {
        // Nothing small: all shown.
        { [12, 7, 5], [Shown, Shown, Shown] },
        // One small cell: 20 − 12 − 7 would give it back, so the smallest other cell goes too.
        { [12, 7, 3], [Shown, Complementary, SmallCell] },
        // Two small cells summing below 5 (2 + 1 = 3 recoverable as a pair): hide one more.
        { [20, 9, 2, 1], [Shown, Complementary, SmallCell, SmallCell] },
        // Two small cells summing to at least 5: no complement needed.
        { [20, 9, 3, 4], [Shown, Shown, SmallCell, SmallCell] },
        // Empty cells are neither hidden nor used as complements.
        { [0, 8, 2, 30], [Shown, Complementary, SmallCell, Shown] },
        // Only small cells: all hidden, nothing left to complement.
        { [1, 2], [SmallCell, SmallCell] },
        // One small and no other non-empty cell: hidden, nothing to add.
        { [0, 3], [Shown, SmallCell] },
        // Ties: the first of the smallest shown cells is chosen.
        { [6, 6, 1], [Complementary, Shown, SmallCell] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Suppress_Dimension_PrimaryThenComplementary(int[] counts, Suppression[] expected) =>
        Assert.Equal(expected, SmallCellSuppression.Suppress(counts, 5));

    // Whatever the counts, the hidden cells cannot be recovered one by one from the total: no dimension ends with exactly
    // one hidden non-empty cell, and hidden cells together reach the threshold unless every non-empty cell is hidden.
    [Theory]
    [InlineData(new[] { 1, 50 })]
    [InlineData(new[] { 4, 5, 6, 7 })]
    [InlineData(new[] { 2, 2, 100, 100 })]
    [InlineData(new[] { 3, 0, 0, 9 })]
    public void Suppress_AnyDimension_HiddenCellsNotRecoverable(int[] counts)
    {
        var result = SmallCellSuppression.Suppress(counts, 5);
        var hidden = counts.Where((c, i) => result[i] != Shown && c > 0).ToArray();
        var allHidden = counts.Where((c, i) => c > 0).Count() == hidden.Length;

        Assert.False(hidden.Length == 1 && !allHidden);
        Assert.True(allHidden || hidden.Sum() >= 5);
    }

    [Fact]
    public void Suppress_ThresholdEleven_CmsStyleHidesTen()
    {
        var result = SmallCellSuppression.Suppress([10, 40, 40], 11);

        Assert.Equal([SmallCell, Complementary, Shown], result);
    }
}
