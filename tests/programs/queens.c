/* queens.c - backtracking search: N-queens solution counts for N = 1..9
 * with bitmasks (known values), the same counts by an array-based
 * recursive solver, a Sudoku solver (the solution must satisfy every row,
 * column and box constraint) and subset-sum counting by recursion. */
#include "prog.h"

static uint32_t queens_bits(uint32_t n, uint32_t cols, uint32_t d1, uint32_t d2)
{
	uint32_t all = (1u << n) - 1;
	if (cols == all)
		return 1;
	uint32_t count = 0, free = all & ~(cols | d1 | d2);
	while (free) {
		uint32_t bit = free & (0u - free);
		free ^= bit;
		count += queens_bits(n, cols | bit, (d1 | bit) << 1 & all, (d2 | bit) >> 1);
	}
	return count;
}

static int pos[16];

static int safe(int row, int col)
{
	for (int r = 0; r < row; r++) {
		int c = pos[r];
		if (c == col || c - col == r - row || c - col == row - r)
			return 0;
	}
	return 1;
}

static int queens_array(int row, int n)
{
	if (row == n)
		return 1;
	int count = 0;
	for (int c = 0; c < n; c++)
		if (safe(row, c)) {
			pos[row] = c;
			count += queens_array(row + 1, n);
		}
	return count;
}

static const char puzzle[82] =
	"53..7...."
	"6..195..."
	".98....6."
	"8...6...3"
	"4..8.3..1"
	"7...2...6"
	".6....28."
	"...419..5"
	"....8..79";

static uint8_t grid[81];
static uint32_t sudoku_nodes;

static int can_place(int cell, uint8_t v)
{
	int r = cell / 9, c = cell % 9, br = r / 3 * 3, bc = c / 3 * 3;
	for (int k = 0; k < 9; k++) {
		if (grid[r * 9 + k] == v || grid[k * 9 + c] == v)
			return 0;
		if (grid[(br + k / 3) * 9 + bc + k % 3] == v)
			return 0;
	}
	return 1;
}

static int solve(int cell)
{
	sudoku_nodes++;
	while (cell < 81 && grid[cell])
		cell++;
	if (cell == 81)
		return 1;
	for (uint8_t v = 1; v <= 9; v++)
		if (can_place(cell, v)) {
			grid[cell] = v;
			if (solve(cell + 1))
				return 1;
		}
	grid[cell] = 0;
	return 0;
}

static int valid_solution(void)
{
	for (int k = 0; k < 9; k++) {
		uint32_t row = 0, col = 0, box = 0;
		for (int j = 0; j < 9; j++) {
			row |= 1u << grid[k * 9 + j];
			col |= 1u << grid[j * 9 + k];
			box |= 1u << grid[(k / 3 * 3 + j / 3) * 9 + k % 3 * 3 + j % 3];
		}
		if (row != 0x3fe || col != 0x3fe || box != 0x3fe)
			return 0;
	}
	for (int i = 0; i < 81; i++)
		if (puzzle[i] != '.' && grid[i] != (uint8_t)(puzzle[i] - '0'))
			return 0;
	return 1;
}

static const int32_t items[] = {3, 34, 4, 12, 5, 2, 27, 9, 15, 21, 8, 1, 30, 17};

static uint32_t subset_sums(int i, int32_t target)
{
	if (target == 0)
		return 1;
	if (i < 0 || target < 0)
		return 0;
	return subset_sums(i - 1, target) + subset_sums(i - 1, target - items[i]);
}

RUN_EXPORT uint32_t run(void)
{
	static const uint32_t known[] = {1, 0, 0, 2, 10, 4, 40, 92, 352};
	uint32_t h = prog_seed;
	for (uint32_t n = 1; n <= 9; n++) {
		uint32_t a = queens_bits(n, 0, 0, 0);
		if (a != known[n - 1])
			return n;
		if ((uint32_t)queens_array(0, (int)n) != a)
			return 100 + n;
		h = prog_mix(h, a);
	}
	for (int i = 0; i < 81; i++)
		grid[i] = puzzle[i] == '.' ? 0 : (uint8_t)(puzzle[i] - '0');
	if (!solve(0) || !valid_solution())
		return 200;
	for (int i = 0; i < 81; i++)
		h = prog_mix(h, grid[i]);
	h = prog_mix(h, sudoku_nodes);
	for (int32_t t = 0; t <= 60; t += 7)
		h = prog_mix(h, subset_sums((int)(sizeof items / sizeof items[0]) - 1, t));
	return h;
}
