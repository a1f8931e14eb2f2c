// Generated events as columns of typed arrays, before they become objects: cheap to append,
// sort and cut. Payload columns a, b, c mean different things per type (see `push`).

export class EventBuffer {
  length = 0;
  /** Event time, epoch ms. */
  time: Float64Array;
  /** Arrival delay, ms. */
  delay: Float64Array;
  user: Int32Array;
  session: Int32Array;
  type: Uint8Array;
  a: Int32Array;
  b: Int32Array;
  c: Int32Array;

  constructor(capacity: number) {
    const n = Math.max(16, Math.ceil(capacity));
    this.time = new Float64Array(n);
    this.delay = new Float64Array(n);
    this.user = new Int32Array(n);
    this.session = new Int32Array(n);
    this.type = new Uint8Array(n);
    this.a = new Int32Array(n);
    this.b = new Int32Array(n);
    this.c = new Int32Array(n);
  }

  /**
   * Appends one event and returns its index. Payload by type: page_view a = page, b = referrer
   * (page index, or −1 − external referrer index), c = time spent (s); product_view /
   * add_to_cart / purchase a = product, b = quantity, c = order number; impression / click
   * a = ad, b = impression number.
   */
  push(
    time: number,
    delay: number,
    user: number,
    session: number,
    type: number,
    a: number,
    b: number,
    c: number,
  ): number {
    const i = this.length;
    if (i === this.time.length) this.grow();
    this.time[i] = time;
    this.delay[i] = delay;
    this.user[i] = user;
    this.session[i] = session;
    this.type[i] = type;
    this.a[i] = a;
    this.b[i] = b;
    this.c[i] = c;
    this.length = i + 1;
    return i;
  }

  private grow(): void {
    const n = Math.ceil(this.time.length * 1.5);
    this.time = copyInto(new Float64Array(n), this.time);
    this.delay = copyInto(new Float64Array(n), this.delay);
    this.user = copyInto(new Int32Array(n), this.user);
    this.session = copyInto(new Int32Array(n), this.session);
    this.type = copyInto(new Uint8Array(n), this.type);
    this.a = copyInto(new Int32Array(n), this.a);
    this.b = copyInto(new Int32Array(n), this.b);
    this.c = copyInto(new Int32Array(n), this.c);
  }
}

function copyInto<T extends Float64Array | Int32Array | Uint8Array>(target: T, source: T): T {
  target.set(source);
  return target;
}
