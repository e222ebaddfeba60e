/** Stylesheets bundled as text (esbuild's text loader): the slide script puts them in the page. */
declare module '*.css' {
  const text: string;
  export default text;
}
