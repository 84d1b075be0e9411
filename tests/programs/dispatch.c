/* dispatch.c - indirect calls and data structures: a table of operation
 * function pointers, "objects" with vtables (shapes with integer areas),
 * a generic merge sort with comparator callbacks, a singly linked list
 * from a node pool (insert sorted, reverse, delete), a binary search tree
 * with in-order traversal through a visitor callback, and structs passed
 * and returned by value. */
#include "prog.h"

typedef uint32_t (*BinOp)(uint32_t, uint32_t);

static uint32_t op_add(uint32_t a, uint32_t b) { return a + b; }
static uint32_t op_sub(uint32_t a, uint32_t b) { return a - b; }
static uint32_t op_mul(uint32_t a, uint32_t b) { return a * b; }
static uint32_t op_xor(uint32_t a, uint32_t b) { return a ^ b; }
static uint32_t op_min(uint32_t a, uint32_t b) { return a < b ? a : b; }
static uint32_t op_rot(uint32_t a, uint32_t b) { return (a << (b & 31)) | (a >> ((32 - b) & 31)); }

static BinOp const ops[] = {op_add, op_sub, op_mul, op_xor, op_min, op_rot};

/* Shapes with a vtable. */
typedef struct Shape Shape;
typedef struct ShapeVt {
	int32_t (*area2)(const Shape *); /* twice the area, exact in integers */
	int32_t (*perimeter_sq)(const Shape *);
	const char *name;
} ShapeVt;

struct Shape {
	const ShapeVt *vt;
	int32_t a, b, c;
};

static int32_t rect_area2(const Shape *s) { return 2 * s->a * s->b; }
static int32_t rect_per(const Shape *s) { return (2 * (s->a + s->b)) * (2 * (s->a + s->b)); }
static int32_t tri_area2(const Shape *s) { return s->a * s->b; } /* right triangle legs a, b */
static int32_t tri_per(const Shape *s) { return s->a * s->a + s->b * s->b; }
static int32_t sq_area2(const Shape *s) { return 2 * s->a * s->a; }

static const ShapeVt rect_vt = {rect_area2, rect_per, "rect"};
static const ShapeVt tri_vt = {tri_area2, tri_per, "triangle"};
static const ShapeVt sq_vt = {sq_area2, rect_per, "square"};

/* Generic merge sort over fixed-size records. */
typedef int (*Cmp)(const void *, const void *);

static uint8_t sort_tmp[64 * 16];

static void msort(void *base, int n, int size, Cmp cmp)
{
	if (n < 2)
		return;
	uint8_t *b = base;
	int mid = n / 2;
	msort(b, mid, size, cmp);
	msort(b + mid * size, n - mid, size, cmp);
	int i = 0, j = mid, k = 0;
	while (i < mid && j < n) {
		if (cmp(b + j * size, b + i * size) < 0)
			memcpy(sort_tmp + k++ * size, b + j++ * size, (size_t)size);
		else
			memcpy(sort_tmp + k++ * size, b + i++ * size, (size_t)size);
	}
	while (i < mid)
		memcpy(sort_tmp + k++ * size, b + i++ * size, (size_t)size);
	while (j < n)
		memcpy(sort_tmp + k++ * size, b + j++ * size, (size_t)size);
	memcpy(b, sort_tmp, (size_t)(n * size));
}

static int cmp_area(const void *x, const void *y)
{
	const Shape *a = x, *b = y;
	int32_t va = a->vt->area2(a), vb = b->vt->area2(b);
	return va < vb ? -1 : va > vb;
}

static int cmp_u16_desc(const void *x, const void *y)
{
	uint16_t a = *(const uint16_t *)x, b = *(const uint16_t *)y;
	return (int)b - (int)a;
}

/* Linked list from a pool. */
typedef struct Node {
	int32_t key;
	struct Node *next;
} Node;

static Node pool[200];
static int pool_used;

static Node *insert_sorted(Node *head, int32_t key)
{
	Node *n = &pool[pool_used++];
	n->key = key;
	Node **pp = &head;
	while (*pp && (*pp)->key < key)
		pp = &(*pp)->next;
	n->next = *pp;
	*pp = n;
	return head;
}

static Node *reverse(Node *head)
{
	Node *prev = NULL;
	while (head) {
		Node *next = head->next;
		head->next = prev;
		prev = head;
		head = next;
	}
	return prev;
}

static Node *remove_if(Node *head, int (*pred)(int32_t))
{
	Node **pp = &head;
	while (*pp) {
		if (pred((*pp)->key))
			*pp = (*pp)->next;
		else
			pp = &(*pp)->next;
	}
	return head;
}

static int is_odd(int32_t k) { return k & 1; }

/* Binary search tree with a visitor. */
typedef struct Tree {
	int32_t key;
	struct Tree *left, *right;
} Tree;

static Tree tree_pool[300];
static int tree_used;

static Tree *tree_insert(Tree *t, int32_t key)
{
	if (!t) {
		t = &tree_pool[tree_used++];
		t->key = key;
		t->left = t->right = NULL;
		return t;
	}
	if (key < t->key)
		t->left = tree_insert(t->left, key);
	else if (key > t->key)
		t->right = tree_insert(t->right, key);
	return t;
}

typedef struct Visit {
	uint32_t h;
	int32_t last;
	int ordered;
	uint32_t count;
} Visit;

static void visit_node(Visit *v, int32_t key)
{
	if (v->count && key <= v->last)
		v->ordered = 0;
	v->last = key;
	v->count++;
	v->h = prog_mix(v->h, (uint32_t)key);
}

static void in_order(const Tree *t, void (*fn)(Visit *, int32_t), Visit *v)
{
	if (!t)
		return;
	in_order(t->left, fn, v);
	fn(v, t->key);
	in_order(t->right, fn, v);
}

static int tree_height(const Tree *t)
{
	if (!t)
		return 0;
	int l = tree_height(t->left), r = tree_height(t->right);
	return 1 + (l > r ? l : r);
}

/* Structs by value. */
typedef struct Vec3 {
	int32_t x, y, z;
} Vec3;

static Vec3 cross(Vec3 a, Vec3 b)
{
	Vec3 r = {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
	return r;
}

static int32_t dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }

static Shape shapes[40];
static uint16_t shorts[64];

RUN_EXPORT uint32_t run(void)
{
	uint32_t s = prog_seed, h = 0;
	uint32_t acc = 1;
	for (int i = 0; i < 600; i++) {
		uint32_t r = prog_rand(&s);
		acc = ops[r % (sizeof ops / sizeof ops[0])](acc, r >> 7);
		h = prog_mix(h, acc);
	}

	static const ShapeVt *const vts[] = {&rect_vt, &tri_vt, &sq_vt};
	for (int i = 0; i < 40; i++) {
		shapes[i].vt = vts[prog_rand(&s) % 3];
		shapes[i].a = (int32_t)(prog_rand(&s) % 50u) + 1;
		shapes[i].b = (int32_t)(prog_rand(&s) % 50u) + 1;
	}
	msort(shapes, 40, (int)sizeof(Shape), cmp_area);
	for (int i = 0; i < 40; i++) {
		if (i && cmp_area(&shapes[i - 1], &shapes[i]) > 0)
			return 1;
		h = prog_mix(h, (uint32_t)shapes[i].vt->area2(&shapes[i]));
		h = prog_mix(h, (uint32_t)shapes[i].vt->perimeter_sq(&shapes[i]));
		h = prog_mix(h, (uint32_t)(unsigned char)shapes[i].vt->name[0]);
	}
	for (int i = 0; i < 64; i++)
		shorts[i] = (uint16_t)prog_rand(&s);
	msort(shorts, 64, 2, cmp_u16_desc);
	for (int i = 1; i < 64; i++)
		if (shorts[i - 1] < shorts[i])
			return 2;
	h = prog_mix(h, shorts[0] ^ (uint32_t)shorts[63] << 16);

	Node *list = NULL;
	for (int i = 0; i < 150; i++)
		list = insert_sorted(list, (int32_t)(prog_rand(&s) % 1000u) - 500);
	int32_t last = -1000;
	for (Node *n = list; n; n = n->next) {
		if (n->key < last)
			return 3;
		last = n->key;
	}
	list = reverse(list);
	list = remove_if(list, is_odd);
	uint32_t count = 0;
	for (Node *n = list; n; n = n->next) {
		if (n->key & 1)
			return 4;
		count++;
		h = prog_mix(h, (uint32_t)n->key);
	}
	h = prog_mix(h, count);

	Tree *root = NULL;
	for (int i = 0; i < 250; i++)
		root = tree_insert(root, (int32_t)(prog_rand(&s) % 400u));
	Visit v = {0, 0, 1, 0};
	in_order(root, visit_node, &v);
	if (!v.ordered || v.count != (uint32_t)tree_used)
		return 5;
	h = prog_mix(h, v.h);
	h = prog_mix(h, (uint32_t)tree_height(root));

	Vec3 a = {3, -4, 5}, b = {-2, 7, 1};
	for (int i = 0; i < 20; i++) {
		Vec3 c = cross(a, b);
		if (dot(c, a) != 0 || dot(c, b) != 0)
			return 6;
		h = prog_mix(h, (uint32_t)c.x ^ (uint32_t)c.y << 8 ^ (uint32_t)c.z << 16);
		a = b;
		b = (Vec3){(int32_t)(prog_rand(&s) % 21u) - 10, (int32_t)(prog_rand(&s) % 21u) - 10,
		           (int32_t)(prog_rand(&s) % 21u) - 10};
	}
	return h;
}
