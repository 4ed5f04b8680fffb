/** True when `name` resolves from the tests: used to skip what an installed package changes. */
export function packageResolves(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}
