using CsCheck;
using Search.Highlighting;

namespace Search.Tests.Highlighting;

public sealed class PositionSetTests
{
    [Fact]
    public void NextAndPrevious_RandomSparseSets_AgreeWithALinearSearch()
    {
        // Few members over up to 20,000 positions, so searches cross whole empty words and summary blocks.
        Gen<(int Length, int[] Members)> sets = Gen.Int[1, 20_000].SelectMany(length =>
            Gen.Int[0, length - 1].Array[0, 12].Select(members => (length, members)));

        Gen.Select(sets, Gen.Int[-10, 20_010], Gen.Int[-10, 20_010]).Sample((set, a, b) =>
        {
            var positions = new PositionSet(set.Length);
            var members = new HashSet<int>(set.Members);
            for (int word = 0; word * 64 < set.Length; word++)
            {
                ulong bits = 0;
                for (int bit = 0; bit < 64; bit++)
                {
                    if (members.Contains((word * 64) + bit))
                        bits |= 1UL << bit;
                }
                positions.SetWord(word, bits);
            }
            int nextExpected = members.Where(m => m >= a && m <= b).DefaultIfEmpty(-1).Min();
            int previousExpected = members.Where(m => m <= a && m >= b).DefaultIfEmpty(-1).Max();

            Assert.Equal(nextExpected, positions.Next(a, b));
            Assert.Equal(previousExpected, positions.Previous(a, b));
        }, iter: 3000);
    }
}
