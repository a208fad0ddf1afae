namespace Talus.Clinical.Registry;

/// <summary>Why a cell is hidden.</summary>
public enum Suppression
{
    Shown,
    /// <summary>Fewer patients than the threshold.</summary>
    SmallCell,
    /// <summary>Hidden so that a small cell cannot be recovered from the total minus the shown cells.</summary>
    Complementary,
}

/// <summary>
/// Small-cell suppression of patient counts (threshold from <see cref="RegistrySettings.SmallCellThreshold"/>, default 5 [D];
/// method as the CMS Cell Size Suppression Policy: primary suppression of small cells, then complementary suppression).
/// </summary>
public static class SmallCellSuppression
{
    /// <summary>Whether one count on its own may be shown: zero or at least the threshold.</summary>
    public static bool IsSmall(int count, int threshold) => count > 0 && count < threshold;

    /// <summary>
    /// Suppression of the cells of one dimension whose total is shown (e.g. the locations of one time point). Primary: every
    /// cell of 1..threshold−1 patients. Complementary: while the hidden cells could be recovered from the total — only one
    /// cell hidden, or the hidden cells together fewer than the threshold — the smallest shown non-empty cell is hidden too.
    /// </summary>
    public static Suppression[] Suppress(IReadOnlyList<int> counts, int threshold)
    {
        var result = new Suppression[counts.Count];
        var hiddenCells = 0;
        var hiddenSum = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(counts[i]);
            if (IsSmall(counts[i], threshold))
            {
                result[i] = Suppression.SmallCell;
                hiddenCells++;
                hiddenSum += counts[i];
            }
        }

        while (hiddenCells > 0 && (hiddenCells == 1 || hiddenSum < threshold))
        {
            var next = -1;
            for (var i = 0; i < counts.Count; i++)
            {
                if (result[i] == Suppression.Shown && counts[i] > 0 && (next < 0 || counts[i] < counts[next]))
                {
                    next = i;
                }
            }

            if (next < 0)
            {
                break;
            }

            result[next] = Suppression.Complementary;
            hiddenCells++;
            hiddenSum += counts[next];
        }

        return result;
    }
}
