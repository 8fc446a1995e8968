import { readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * Finds the message keys the code asks for, so that tests can hold them against the catalogs.
 *
 * It reads the code with the TypeScript compiler rather than with patterns: a translator reaches its
 * calls through `Promise.all` destructuring, props, helper parameters and wrappers, and a key built as
 * `errors.${code}` names every member of the union `code` is typed with. Where the type says only
 * `string`, the key's static prefix must still be a group of messages.
 */

export type MessageTree = { readonly [key: string]: string | MessageTree };

/** What a use needs at its key: a message to render, anything `t.raw` returns, or a group of messages. */
export type Need = "message" | "raw" | "group";

export interface MessageUse {
  at: string;
  key: string;
  need: Need;
}

export interface MessageScan {
  uses: MessageUse[];
  /** Translator calls whose namespace the scanner cannot tell: a gap in the scanner, not in the catalog. */
  unresolved: string[];
}

/** A type declared in a source file, by the file's absolute path and the type's name. */
export interface DeclaredType {
  file: string;
  name: string;
}

export interface ScanOptions {
  /** Types that stand for a translator of a namespace where no getTranslations call shows which. */
  translatorTypes?: readonly (DeclaredType & { namespace: string })[];
  /** Unions wider than the values that reach a key built from them: only the key's group is checked. */
  wideTypes?: readonly DeclaredType[];
}

type KeyShape = { exact: string } | { group: string };

const TRANSLATOR_SOURCES = new Set(["getTranslations", "useTranslations", "createTranslator"]);
const TRANSLATOR_METHODS = new Set(["rich", "markup", "raw", "has"]);

const WEB_ROOT = path.resolve(import.meta.dirname, "../..");
export const REPO_ROOT = path.resolve(WEB_ROOT, "../..");

/** The TypeScript sources under a folder, tests and their helpers left out. */
export function sourceFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test(-helpers)?\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function webCompilerOptions(): ts.CompilerOptions {
  const configPath = path.join(WEB_ROOT, "tsconfig.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  return parsed.options;
}

/** The given files under the web app's compiler options; their imports resolve from disk. */
export function createWebProgram(rootNames: readonly string[]): ts.Program {
  return ts.createProgram({ rootNames, options: webCompilerOptions() });
}

/**
 * A program over source text held in memory, placed in the web app so that imports such as
 * "next-intl/server" resolve to the real packages. Returns the program and the files' paths.
 */
export function createFixtureProgram(files: Record<string, string>): { program: ts.Program; fileNames: string[] } {
  const options = webCompilerOptions();
  const texts = new Map(
    Object.entries(files).map(([name, text]) => [path.join(WEB_ROOT, "src/__fixture__", name), text]),
  );
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const text = texts.get(fileName);
    return text === undefined
      ? getSourceFile.call(host, fileName, languageVersion, ...rest)
      : ts.createSourceFile(fileName, text, languageVersion, true);
  };
  host.fileExists = (fileName) => texts.has(fileName) || fileExists.call(host, fileName);
  host.readFile = (fileName) => texts.get(fileName) ?? readFile.call(host, fileName);
  host.directoryExists = (dir) =>
    [...texts.keys()].some((fileName) => fileName.startsWith(dir + path.sep)) || !!directoryExists?.call(host, dir);
  const fileNames = [...texts.keys()];
  return { program: ts.createProgram({ rootNames: fileNames, options, host }), fileNames };
}

function sourceFiles(program: ts.Program, fileNames: readonly string[]): ts.SourceFile[] {
  return fileNames.map((fileName) => {
    const file = program.getSourceFile(fileName);
    if (!file) throw new Error(`not in the program: ${fileName}`);
    return file;
  });
}

function location(node: ts.Node): string {
  const file = node.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(node.getStart());
  return `${path.relative(REPO_ROOT, file.fileName)}:${line + 1}`;
}

/** Strips what does not change the value: parentheses, `await`, `!`, and type assertions (whose types may lie). */
function unwrap(node: ts.Expression): ts.Expression {
  while (
    ts.isParenthesizedExpression(node) ||
    ts.isAwaitExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isTypeAssertionExpression(node)
  ) {
    node = node.expression;
  }
  return node;
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** The string or number literals a type stands for, or undefined when it admits any other value. */
function literalValues(type: ts.Type): string[] | undefined {
  const values: string[] = [];
  for (const member of type.isUnion() ? type.types : [type]) {
    if (member.isStringLiteral() || member.isNumberLiteral()) values.push(String(member.value));
    else return undefined;
  }
  return values;
}

function isDeclaredAs(symbol: ts.Symbol | undefined, types: readonly DeclaredType[]): boolean {
  return types.some(({ file, name }) =>
    symbol?.declarations?.some((d) => symbol.name === name && d.getSourceFile().fileName === file),
  );
}

/** The name a function is called by: its own, or that of the variable holding it. */
function functionName(fn: ts.SignatureDeclaration): ts.Identifier | undefined {
  const named = ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) ? fn.parent : fn;
  return (ts.isVariableDeclaration(named) || ts.isFunctionDeclaration(named)) &&
    named.name &&
    ts.isIdentifier(named.name)
    ? named.name
    : undefined;
}

/** The group a key lies in: "a.b" for "a.b.c" and for "a.b.", "" for "a". */
function parentOf(key: string): string {
  return key.includes(".") ? key.slice(0, key.lastIndexOf(".")) : "";
}

function joinKey(...parts: string[]): string {
  return parts.filter(Boolean).join(".");
}

/**
 * The expressions a file hands to `.has()` or `.includes()`. Code that asks first (`t.has(key) ?
 * t(key) : fallback`, `KNOWN.has(code) ? t(`codes.${code}`) : …`) expects some keys to be missing.
 */
function testedExpressions(file: ts.SourceFile): Set<string> {
  const tested = new Set<string>();
  walk(file, (node) => {
    if (!ts.isCallExpression(node)) return;
    const callee = unwrap(node.expression);
    const [value] = node.arguments;
    if (value && ts.isPropertyAccessExpression(callee) && ["has", "includes"].includes(callee.name.text)) {
      tested.add(unwrap(value).getText());
    }
  });
  return tested;
}

export function scanMessageUses(
  program: ts.Program,
  fileNames: readonly string[],
  { translatorTypes = [], wideTypes = [] }: ScanOptions = {},
): MessageScan {
  const checker = program.getTypeChecker();
  const files = sourceFiles(program, fileNames);
  const testedIn = new Map(files.map((file) => [file, testedExpressions(file)]));
  const symbolOf = (node: ts.Node): ts.Symbol | undefined => checker.getSymbolAtLocation(node);

  /** The name next-intl exports a function under, when `name` refers to one imported from it. */
  const intlImportName = (name: ts.Identifier): string | undefined => {
    const declaration = symbolOf(name)?.declarations?.[0];
    if (!declaration || !ts.isImportSpecifier(declaration)) return undefined;
    const moduleName = (declaration.parent.parent.parent.moduleSpecifier as ts.StringLiteral).text;
    if (!/^(next-intl|use-intl)(\/|$)/.test(moduleName)) return undefined;
    return (declaration.propertyName ?? declaration.name).text;
  };

  const isTranslatorSource = (call: ts.CallExpression): boolean => {
    const callee = unwrap(call.expression);
    return ts.isIdentifier(callee) && TRANSLATOR_SOURCES.has(intlImportName(callee) ?? "");
  };

  /** The namespace a getTranslations / useTranslations / createTranslator call binds; undefined if not a literal. */
  const sourceNamespace = (call: ts.CallExpression): string | undefined => {
    const [argument] = call.arguments;
    if (!argument) return "";
    if (ts.isStringLiteralLike(argument)) return argument.text;
    if (!ts.isObjectLiteralExpression(argument)) return undefined;
    const property = argument.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === "namespace");
    if (!property) return "";
    return ts.isPropertyAssignment(property) && ts.isStringLiteralLike(property.initializer)
      ? property.initializer.text
      : undefined;
  };

  /** A namespace written into a type, `Awaited<ReturnType<typeof getTranslations<"guide">>>`, through aliases. */
  const annotatedNamespace = (type: ts.TypeNode | undefined, depth = 0): string | undefined => {
    if (!type || depth > 5) return undefined;
    if (ts.isTypeQueryNode(type)) {
      const [argument] = type.typeArguments ?? [];
      const isSource = ts.isIdentifier(type.exprName) && TRANSLATOR_SOURCES.has(intlImportName(type.exprName) ?? "");
      return isSource && argument && ts.isLiteralTypeNode(argument) && ts.isStringLiteral(argument.literal)
        ? argument.literal.text
        : undefined;
    }
    if (!ts.isTypeReferenceNode(type)) return undefined;
    const symbol = symbolOf(type.typeName);
    const declared = translatorTypes.find((translatorType) => isDeclaredAs(symbol, [translatorType]));
    if (declared) return declared.namespace;
    for (const argument of type.typeArguments ?? []) {
      const namespace = annotatedNamespace(argument, depth + 1);
      if (namespace !== undefined) return namespace;
    }
    return annotatedNamespace(symbol?.declarations?.find(ts.isTypeAliasDeclaration)?.type, depth + 1);
  };

  const namespaces = new Map<ts.Symbol, Set<string>>();
  /** Names of the symbols holding a translator: only expressions by these names are looked up. */
  const translatorNames = new Set<string>();

  /** The namespaces of the translator an expression evaluates to; empty when it is none we know. */
  const translatorNamespaces = (expression: ts.Expression): ReadonlySet<string> => {
    const node = unwrap(expression);
    if (ts.isCallExpression(node) && isTranslatorSource(node)) {
      const namespace = sourceNamespace(node);
      return new Set(namespace === undefined ? [] : [namespace]);
    }
    const name = ts.isIdentifier(node) ? node : ts.isPropertyAccessExpression(node) ? node.name : undefined;
    // Looking a property up types the object it is read from, which is slow: only for names a translator has.
    if (!name || !translatorNames.has(name.text)) return new Set();
    const symbol = symbolOf(name);
    return (symbol && namespaces.get(symbol)) ?? new Set();
  };

  let changed = true;
  const receive = (receiver: ts.Symbol | undefined, given: ReadonlySet<string>) => {
    if (!receiver || given.size === 0) return;
    const known = namespaces.get(receiver) ?? new Set<string>();
    for (const namespace of given) {
      if (!known.has(namespace)) {
        known.add(namespace);
        changed = true;
      }
    }
    namespaces.set(receiver, known);
    translatorNames.add(receiver.name);
  };

  /**
   * The ways a translator travels from where it is made to where it is called. They run until none
   * adds anything; a receiving symbol is looked up only once a translator arrives.
   */
  const flows: (() => void)[] = [];
  const flow = (giver: () => ReadonlySet<string>, receiver: () => ts.Symbol | undefined) => {
    let symbol: ts.Symbol | undefined | null = null;
    flows.push(() => {
      const given = giver();
      if (given.size === 0) return;
      if (symbol === null) symbol = receiver();
      receive(symbol, given);
    });
  };
  const from = (expression: ts.Expression) => () => translatorNamespaces(expression);
  const into = (name: ts.Node) => () => symbolOf(name);
  const parametersOf = (call: ts.CallLikeExpression) => {
    const declaration = checker.getResolvedSignature(call)?.declaration;
    return declaration && !ts.isJSDocSignature(declaration) ? declaration.parameters : undefined;
  };

  /** `const text = (key: string) => escape(t(key))`: text, handing its first argument on as the key. */
  const forwarderName = (call: ts.CallExpression): ts.Identifier | undefined => {
    const [key] = call.arguments;
    const callee = unwrap(call.expression);
    if (!key || !ts.isIdentifier(key) || testedIn.get(call.getSourceFile())?.has(key.text)) return undefined;
    if (ts.isPropertyAccessExpression(callee) && TRANSLATOR_METHODS.has(callee.name.text)) return undefined;
    const parameter = symbolOf(key)?.valueDeclaration;
    if (!parameter || !ts.isParameter(parameter) || parameter.parent.parameters[0] !== parameter) return undefined;
    return functionName(parameter.parent);
  };

  for (const file of files) {
    walk(file, (node) => {
      if (ts.isVariableDeclaration(node) && node.initializer) {
        const initializer = node.initializer;
        if (ts.isIdentifier(node.name)) flow(from(initializer), into(node.name));
        // const [t, f] = await Promise.all([getTranslations("x"), formatter()])
        const all = unwrap(initializer);
        const [list] = ts.isCallExpression(all) && all.expression.getText() === "Promise.all" ? all.arguments : [];
        if (ts.isArrayBindingPattern(node.name) && list && ts.isArrayLiteralExpression(list)) {
          node.name.elements.forEach((element, index) => {
            const item = list.elements[index];
            if (item && ts.isBindingElement(element)) flow(from(item), into(element.name));
          });
        }
      }
      if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isPropertySignature(node)) {
        const namespace = annotatedNamespace(node.type);
        if (namespace !== undefined) receive(symbolOf(node.name), new Set([namespace]));
      }
      if (ts.isCallExpression(node) && !isTranslatorSource(node)) {
        node.arguments.forEach((argument, index) =>
          flow(from(argument), () => {
            const parameter = parametersOf(node)?.[index];
            return parameter && ts.isIdentifier(parameter.name) ? symbolOf(parameter.name) : undefined;
          }),
        );
        const forwarder = forwarderName(node);
        if (forwarder) flow(from(node.expression), into(forwarder));
      }
      if (ts.isJsxAttribute(node) && node.initializer && ts.isJsxExpression(node.initializer)) {
        const value = node.initializer.expression;
        const name = node.name.getText();
        if (value) {
          flow(from(value), () => checker.getContextualType(node.parent)?.getProperty(name));
          flow(from(value), () => {
            const props = parametersOf(node.parent.parent)?.[0];
            if (!props || !ts.isObjectBindingPattern(props.name)) return undefined;
            const field = props.name.elements.find((e) => (e.propertyName ?? e.name).getText() === name);
            return field && symbolOf(field.name);
          });
        }
      }
      if (ts.isShorthandPropertyAssignment(node) || ts.isPropertyAssignment(node)) {
        const value = ts.isShorthandPropertyAssignment(node) ? node.name : node.initializer;
        flow(from(value), () => checker.getContextualType(node.parent)?.getProperty(node.name.getText()));
      }
      if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
        const pattern = node.parent;
        const name = (node.propertyName ?? node.name).getText();
        let property: ts.Symbol | undefined | null = null;
        flow(() => {
          if (!translatorNames.has(name)) return new Set();
          if (property === null) property = checker.getTypeAtLocation(pattern).getProperty(name);
          return (property && namespaces.get(property)) ?? new Set();
        }, into(node.name));
      }
    });
  }

  while (changed) {
    changed = false;
    for (const run of flows) run();
  }

  const isTranslatorType = (type: ts.Type) =>
    type.getCallSignatures().length > 0 && [...TRANSLATOR_METHODS].every((method) => type.getProperty(method));

  const valuesOfType = (node: ts.Node): string[] | undefined => {
    const type = checker.getTypeAtLocation(node);
    return isDeclaredAs(type.aliasSymbol, wideTypes) ? undefined : literalValues(type);
  };

  /** What a `${…}` part of a key can be: its type, assertions included (`${key as Reason}` narrows on purpose). */
  const spanValues = (expression: ts.Expression, tested: ReadonlySet<string>): string[] | undefined => {
    let node = expression;
    while (ts.isParenthesizedExpression(node)) node = node.expression;
    if (tested.has(unwrap(node).getText())) return undefined;
    if (ts.isConditionalExpression(node)) {
      const [whenTrue, whenFalse] = [spanValues(node.whenTrue, tested), spanValues(node.whenFalse, tested)];
      return whenTrue && whenFalse && [...whenTrue, ...whenFalse];
    }
    return valuesOfType(node);
  };

  /** The shapes a key expression can take; undefined when nothing about it is known. */
  const keyShapes = (expression: ts.Expression, tested: ReadonlySet<string>, depth = 0): KeyShape[] | undefined => {
    const node = unwrap(expression);
    if (ts.isStringLiteralLike(node)) return [{ exact: node.text }];
    if (ts.isConditionalExpression(node)) {
      const shapes = [keyShapes(node.whenTrue, tested, depth), keyShapes(node.whenFalse, tested, depth)];
      return shapes.every((s) => s === undefined) ? undefined : shapes.flatMap((s) => s ?? []);
    }
    if (ts.isTemplateExpression(node)) {
      // Only the first part is spelled out: the later ones often depend on it (`${page}.points.${point}`).
      const [first, ...rest] = node.templateSpans;
      const values = first && spanValues(first.expression, tested);
      if (!first || !values) return [{ group: parentOf(node.head.text) }];
      const spelled = values.map((value) => node.head.text + value + first.literal.text);
      return rest.length ? spelled.map((text) => ({ group: parentOf(text) })) : spelled.map((exact) => ({ exact }));
    }
    const typed = valuesOfType(node);
    if (typed) return typed.map((exact) => ({ exact }));
    const declaration = ts.isIdentifier(node) ? symbolOf(node)?.valueDeclaration : undefined;
    if (
      depth < 5 &&
      declaration &&
      ts.isVariableDeclaration(declaration) &&
      declaration.initializer &&
      ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const
    ) {
      return keyShapes(declaration.initializer, tested, depth + 1);
    }
    return undefined;
  };

  const uses: MessageUse[] = [];
  const unresolved: string[] = [];
  for (const file of files) {
    const tested = testedIn.get(file) ?? new Set();
    walk(file, (node) => {
      if (!ts.isCallExpression(node)) return;
      const at = location(node);
      if (isTranslatorSource(node)) {
        const namespace = sourceNamespace(node);
        if (namespace === undefined) unresolved.push(`${at}: namespace is not a literal`);
        else if (namespace) uses.push({ at, key: namespace, need: "group" });
        return;
      }
      const callee = unwrap(node.expression);
      const method =
        ts.isPropertyAccessExpression(callee) && TRANSLATOR_METHODS.has(callee.name.text) ? callee.name.text : "";
      const translator = method && ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
      const bound = translatorNamespaces(translator);
      if (bound.size === 0) {
        if (ts.isIdentifier(translator) && isTranslatorType(checker.getTypeAtLocation(translator))) {
          unresolved.push(`${at}: ${translator.text}`);
        }
        return;
      }
      const [key] = node.arguments;
      // has() asks whether a key exists: a missing one is an answer, not a mistake.
      if (!key || method === "has") return;
      const guarded = tested.has(unwrap(key).getText());
      for (const shape of keyShapes(key, tested) ?? []) {
        for (const namespace of bound) {
          if ("group" in shape) uses.push({ at, key: joinKey(namespace, shape.group), need: "group" });
          else if (guarded) uses.push({ at, key: joinKey(namespace, parentOf(shape.exact)), need: "group" });
          else uses.push({ at, key: joinKey(namespace, shape.exact), need: method === "raw" ? "raw" : "message" });
        }
      }
    });
  }
  return { uses: uses.filter((use) => use.key !== ""), unresolved };
}

/**
 * The keys stored as a notification's `messageKey`, wherever the code sets one: a field, a variable
 * or a parameter of that name. A value is read from its literal or its type; one that only passes a
 * `messageKey` along is covered where that was set. Anything else is unresolved.
 */
export function storedMessageKeys(
  program: ts.Program,
  fileNames: readonly string[],
): { keys: { at: string; key: string }[]; unresolved: string[] } {
  const checker = program.getTypeChecker();
  const keys: { at: string; key: string }[] = [];
  const unresolved: string[] = [];
  const isCarrier = (node: ts.Expression) =>
    (ts.isIdentifier(node) && node.text === "messageKey") ||
    (ts.isPropertyAccessExpression(node) && node.name.text === "messageKey");
  const valuesOf = (expression: ts.Expression): string[] | undefined => {
    let node = expression;
    while (ts.isParenthesizedExpression(node)) node = node.expression;
    if (ts.isStringLiteralLike(node)) return [node.text];
    if (ts.isConditionalExpression(node)) {
      const [whenTrue, whenFalse] = [valuesOf(node.whenTrue), valuesOf(node.whenFalse)];
      return whenTrue && whenFalse && [...whenTrue, ...whenFalse];
    }
    return literalValues(checker.getTypeAtLocation(node)) ?? (isCarrier(node) ? [] : undefined);
  };
  const record = (value: ts.Expression) => {
    const values = valuesOf(value);
    if (values) keys.push(...values.map((key) => ({ at: location(value), key })));
    else unresolved.push(`${location(value)}: ${value.getText()}`);
  };
  const isNamed = (name: ts.Node) => ts.isIdentifier(name) && name.text === "messageKey";
  const files = sourceFiles(program, fileNames);

  // Resolving every call's signature is slow: only calls by the name of a function taking a messageKey.
  const takers = new Set<string>();
  for (const file of files) {
    walk(file, (node) => {
      if (!ts.isFunctionLike(node) || !node.parameters.some((parameter) => isNamed(parameter.name))) return;
      const name = functionName(node);
      if (name) takers.add(name.text);
    });
  }
  const calleeName = (call: ts.CallExpression) => {
    const callee = unwrap(call.expression);
    return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
  };

  for (const file of files) {
    walk(file, (node) => {
      if ((ts.isPropertyAssignment(node) || ts.isVariableDeclaration(node)) && isNamed(node.name) && node.initializer) {
        record(node.initializer);
      } else if (ts.isShorthandPropertyAssignment(node) && isNamed(node.name)) {
        record(node.name);
      } else if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        isNamed(node.left)
      ) {
        record(node.right);
      } else if (ts.isCallExpression(node) && takers.has(calleeName(node))) {
        const declaration = checker.getResolvedSignature(node)?.declaration;
        const parameters = declaration && !ts.isJSDocSignature(declaration) ? declaration.parameters : [];
        node.arguments.forEach((argument, index) => {
          const parameter = parameters[index];
          if (parameter && isNamed(parameter.name)) record(argument);
        });
      }
    });
  }
  return { keys, unresolved };
}

/** The members of an exported union of string literals, read from its declaration. */
export function unionMembers(program: ts.Program, { file, name }: DeclaredType): string[] {
  const checker = program.getTypeChecker();
  const [source] = sourceFiles(program, [file]);
  const declaration = source?.statements.find(
    (statement): statement is ts.TypeAliasDeclaration =>
      ts.isTypeAliasDeclaration(statement) && statement.name.text === name,
  );
  const members = declaration && literalValues(checker.getTypeAtLocation(declaration.name));
  if (!members) throw new Error(`${name} in ${file} is not a union of literals`);
  return members;
}

export function lookup(tree: MessageTree, key: string): string | MessageTree | undefined {
  let node: string | MessageTree | undefined = tree;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

/** Each use the catalog cannot serve, as "where: key (what is wrong)". */
export function unservedUses(uses: readonly MessageUse[], catalog: MessageTree): string[] {
  const problems = uses.flatMap(({ at, key, need }) => {
    const entry = lookup(catalog, key);
    if (entry === undefined) return [`${at}: ${key} (missing)`];
    if (need === "message" && typeof entry !== "string") return [`${at}: ${key} (a group, not a message)`];
    if (need === "group" && typeof entry === "string") return [`${at}: ${key} (a message, not a group)`];
    return [];
  });
  return [...new Set(problems)];
}
