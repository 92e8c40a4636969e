// Nothing to prepare globally yet; the browser test builds what it needs itself.
export default function setup(): void {}
