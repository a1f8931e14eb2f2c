// happy-dom rejects an Animation's `finished` promise when it is cancelled and leaves it
// unhandled; browsers mark that rejection handled (Web Animations spec). Svelte cancels
// transitions a new step cuts short, so tests that step the chart import this first.
const proto = Element.prototype;
const animate = Object.getOwnPropertyDescriptor(proto, 'animate')?.value as typeof proto.animate;
proto.animate = function (this: Element, ...args: Parameters<typeof proto.animate>) {
  const animation = animate.apply(this, args);
  animation.finished.catch(() => undefined);
  return animation;
};
