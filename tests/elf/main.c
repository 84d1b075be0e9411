/* main.c - the C side of the link test: defines what the demo object
 * imports and calls what it exports. Never run; only linked and inspected. */
extern int add2(int, int);
extern int get_counter(int);
extern int pick(int);
extern int get_ext_data(void);
extern int weak_fn(void);
extern unsigned table[5];
extern char demo__mem0[];

int ext_data = 99;
volatile int sink;

int ext_callee(int x) { return x * 3; }

void _start(void)
{
	sink = add2(1, 2) + get_counter(3) + pick(0) + get_ext_data() + weak_fn() +
	       (int)table[0] + demo__mem0[0];
	for (;;) {
	}
}
