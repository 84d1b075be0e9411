/* graph.c - graph algorithms on a generated weighted grid: Dijkstra with a
 * binary heap, Bellman-Ford (must agree), BFS hop counts on a maze,
 * connected components by recursive DFS, and Kruskal's minimum spanning
 * tree with union-find (path compression, union by rank), checked against
 * Prim's algorithm. */
#include "prog.h"

#define W 24
#define H 24
#define V (W * H)
#define INF 0x3fffffff

static int32_t weight_right[V], weight_down[V]; /* edge weights to the right / below neighbour */
static uint8_t open_cell[V];

static int32_t edge_weight(int u, int v)
{
	if (v == u + 1)
		return weight_right[u];
	if (v == u - 1)
		return weight_right[v];
	if (v == u + W)
		return weight_down[u];
	return weight_down[v];
}

static int neighbours(int u, int out[4])
{
	int n = 0, x = u % W, y = u / W;
	if (x + 1 < W)
		out[n++] = u + 1;
	if (x > 0)
		out[n++] = u - 1;
	if (y + 1 < H)
		out[n++] = u + W;
	if (y > 0)
		out[n++] = u - W;
	return n;
}

/* Binary min-heap of (dist, vertex). */
typedef struct HeapItem {
	int32_t dist;
	int32_t v;
} HeapItem;

static HeapItem heap[V * 4];
static int heap_n;

static void heap_push(int32_t dist, int32_t v)
{
	int i = heap_n++;
	while (i > 0) {
		int p = (i - 1) / 2;
		if (heap[p].dist <= dist)
			break;
		heap[i] = heap[p];
		i = p;
	}
	heap[i].dist = dist;
	heap[i].v = v;
}

static HeapItem heap_pop(void)
{
	HeapItem top = heap[0], last = heap[--heap_n];
	int i = 0;
	for (;;) {
		int c = 2 * i + 1;
		if (c >= heap_n)
			break;
		if (c + 1 < heap_n && heap[c + 1].dist < heap[c].dist)
			c++;
		if (last.dist <= heap[c].dist)
			break;
		heap[i] = heap[c];
		i = c;
	}
	heap[i] = last;
	return top;
}

static int32_t dist_dij[V], dist_bf[V];

static void dijkstra(int src)
{
	for (int i = 0; i < V; i++)
		dist_dij[i] = INF;
	dist_dij[src] = 0;
	heap_n = 0;
	heap_push(0, src);
	while (heap_n) {
		HeapItem it = heap_pop();
		if (it.dist > dist_dij[it.v])
			continue;
		int nb[4], n = neighbours(it.v, nb);
		for (int k = 0; k < n; k++) {
			int32_t d = it.dist + edge_weight(it.v, nb[k]);
			if (d < dist_dij[nb[k]]) {
				dist_dij[nb[k]] = d;
				heap_push(d, nb[k]);
			}
		}
	}
}

static void bellman_ford(int src)
{
	for (int i = 0; i < V; i++)
		dist_bf[i] = INF;
	dist_bf[src] = 0;
	for (int round = 0; round < V; round++) {
		int changed = 0;
		for (int u = 0; u < V; u++) {
			if (dist_bf[u] == INF)
				continue;
			int nb[4], n = neighbours(u, nb);
			for (int k = 0; k < n; k++) {
				int32_t d = dist_bf[u] + edge_weight(u, nb[k]);
				if (d < dist_bf[nb[k]])
					dist_bf[nb[k]] = d, changed = 1;
			}
		}
		if (!changed)
			break;
	}
}

static int32_t hops[V];
static int32_t queue[V];

static int bfs(int src)
{
	for (int i = 0; i < V; i++)
		hops[i] = -1;
	int head = 0, tail = 0, reached = 0;
	if (!open_cell[src])
		return 0;
	hops[src] = 0;
	queue[tail++] = src;
	while (head < tail) {
		int u = queue[head++], nb[4], n = neighbours(u, nb);
		reached++;
		for (int k = 0; k < n; k++)
			if (open_cell[nb[k]] && hops[nb[k]] < 0) {
				hops[nb[k]] = hops[u] + 1;
				queue[tail++] = nb[k];
			}
	}
	return reached;
}

static int32_t comp[V];

static int dfs(int u, int c)
{
	int size = 1, nb[4], n = neighbours(u, nb);
	comp[u] = c;
	for (int k = 0; k < n; k++)
		if (open_cell[nb[k]] && comp[nb[k]] < 0)
			size += dfs(nb[k], c);
	return size;
}

typedef struct Edge {
	int32_t w, u, v;
} Edge;

static Edge edges[2 * V];
static int32_t parent[V], rank_of[V];

static int find(int x)
{
	if (parent[x] != x)
		parent[x] = find(parent[x]);
	return parent[x];
}

static int unite(int a, int b)
{
	a = find(a);
	b = find(b);
	if (a == b)
		return 0;
	if (rank_of[a] < rank_of[b]) {
		int t = a;
		a = b;
		b = t;
	}
	parent[b] = a;
	if (rank_of[a] == rank_of[b])
		rank_of[a]++;
	return 1;
}

/* Merge sort of edges by (w, u, v) so ties order the same everywhere. */
static Edge tmp_edges[2 * V];

static int edge_less(const Edge *a, const Edge *b)
{
	if (a->w != b->w)
		return a->w < b->w;
	if (a->u != b->u)
		return a->u < b->u;
	return a->v < b->v;
}

static void sort_edges(Edge *e, int lo, int hi)
{
	if (hi - lo < 2)
		return;
	int mid = (lo + hi) / 2, i = lo, j = mid, k = lo;
	sort_edges(e, lo, mid);
	sort_edges(e, mid, hi);
	while (i < mid && j < hi)
		tmp_edges[k++] = edge_less(&e[j], &e[i]) ? e[j++] : e[i++];
	while (i < mid)
		tmp_edges[k++] = e[i++];
	while (j < hi)
		tmp_edges[k++] = e[j++];
	for (k = lo; k < hi; k++)
		e[k] = tmp_edges[k];
}

static int64_t kruskal(void)
{
	int ne = 0;
	for (int u = 0; u < V; u++) {
		if (u % W + 1 < W)
			edges[ne++] = (Edge){weight_right[u], u, u + 1};
		if (u / W + 1 < H)
			edges[ne++] = (Edge){weight_down[u], u, u + W};
	}
	sort_edges(edges, 0, ne);
	for (int i = 0; i < V; i++)
		parent[i] = i, rank_of[i] = 0;
	int64_t total = 0;
	int used = 0;
	for (int i = 0; i < ne && used < V - 1; i++)
		if (unite(edges[i].u, edges[i].v))
			total += edges[i].w, used++;
	return used == V - 1 ? total : -1;
}

static uint8_t in_tree[V];
static int32_t best[V];

static int64_t prim(void)
{
	for (int i = 0; i < V; i++)
		best[i] = INF, in_tree[i] = 0;
	best[0] = 0;
	int64_t total = 0;
	for (int it = 0; it < V; it++) {
		int u = -1;
		for (int i = 0; i < V; i++)
			if (!in_tree[i] && (u < 0 || best[i] < best[u]))
				u = i;
		in_tree[u] = 1;
		total += best[u];
		int nb[4], n = neighbours(u, nb);
		for (int k = 0; k < n; k++) {
			int32_t w = edge_weight(u, nb[k]);
			if (!in_tree[nb[k]] && w < best[nb[k]])
				best[nb[k]] = w;
		}
	}
	return total;
}

RUN_EXPORT uint32_t run(void)
{
	uint32_t s = prog_seed, h = 0;
	for (int i = 0; i < V; i++) {
		weight_right[i] = (int32_t)(prog_rand(&s) % 100u) + 1;
		weight_down[i] = (int32_t)(prog_rand(&s) % 100u) + 1;
		open_cell[i] = prog_rand(&s) % 100u < 62;
	}
	open_cell[0] = 1;

	static const int sources[] = {0, V - 1, V / 2 + W / 3};
	for (int t = 0; t < 3; t++) {
		dijkstra(sources[t]);
		bellman_ford(sources[t]);
		for (int i = 0; i < V; i++) {
			if (dist_dij[i] != dist_bf[i])
				return 1;
			h = prog_mix(h, (uint32_t)dist_dij[i]);
		}
	}

	int reached = bfs(0);
	h = prog_mix(h, (uint32_t)reached);
	for (int i = 0; i < V; i++)
		h = prog_mix(h, (uint32_t)hops[i]);

	for (int i = 0; i < V; i++)
		comp[i] = -1;
	int ncomp = 0, largest = 0, cells = 0;
	for (int i = 0; i < V; i++)
		if (open_cell[i] && comp[i] < 0) {
			int size = dfs(i, ncomp++);
			cells += size;
			if (size > largest)
				largest = size;
			if (i == 0 && size != reached)
				return 2;
		}
	int open_count = 0;
	for (int i = 0; i < V; i++)
		open_count += open_cell[i];
	if (cells != open_count)
		return 3;
	h = prog_mix(h, (uint32_t)ncomp);
	h = prog_mix(h, (uint32_t)largest);

	int64_t k = kruskal(), p = prim();
	if (k < 0 || k != p)
		return 4;
	h = prog_mix(h, (uint32_t)k);
	return h;
}
