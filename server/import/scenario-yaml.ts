import { stringify } from 'yaml';

/** scenario.yaml text, with a header that says where it came from (the schema has no provenance field). */
export function scenarioYaml(spec: object, schemaPath: string | undefined, sourceName: string): string {
  const header = [
    ...(schemaPath ? [`# yaml-language-server: $schema=${schemaPath}`] : []),
    `# Imported from the Killercoda scenario "${sourceName.replace(/[^\w .-]/g, '_')}" by \`cks-lab scenario import\`.`,
    '# IMPORT.md says what was translated, what needs the internet, and what an author must still do.',
  ];
  return `${header.join('\n')}\n${stringify(spec, { lineWidth: 0 })}`;
}
