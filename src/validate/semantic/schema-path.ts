/**
 * Where a walk over a CRD's schema stands, as a field path built only when a finding names it. A
 * CRD's schema has tens of thousands of nodes and four walks go over each (structure, patterns,
 * defaults, CEL rules): building every node's path as a string cost more than the checks.
 */
import { key } from '../path';

export class SchemaPath {
  /** The path of a schema's root, e.g. `spec.versions[0].schema.openAPIV3Schema`. */
  static root(at: string): SchemaPath {
    return new SchemaPath(undefined, at, false);
  }

  private text: string | undefined;

  /**
   * @param up the path it is under (undefined at the root)
   * @param seg what it adds: written as it is (`.items`), or, for a property, its name
   * @param property whether seg is a property's name (`.properties.name` or `.properties[odd/name]`)
   */
  private constructor(private readonly up: SchemaPath | undefined, private readonly seg: string, private readonly property: boolean) {}

  /** The schema of property `name` under this one. */
  prop(name: string): SchemaPath {
    return new SchemaPath(this, name, true);
  }

  /** The node at `.suffix` under this one (`items`, `additionalProperties`, `allOf[0]`, `not`). */
  at(suffix: string): SchemaPath {
    return new SchemaPath(this, `.${suffix}`, false);
  }

  toString(): string {
    if (this.text === undefined) {
      const base = this.up === undefined ? '' : this.up.toString();
      this.text = this.property ? key(`${base}.properties`, this.seg) : base + this.seg;
    }
    return this.text;
  }
}
