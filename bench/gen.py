#!/usr/bin/env python3
"""Writes a realistic partner file of N partners to stdout (make bench).

60% of the partners have a description, each has 0-3 additional domains,
2% have an international (punycode) name, types and modes are mixed over
the combinations the matrix accepts; about 228 bytes a partner. The same
N always gives the same file (fixed seed)."""
import random
import sys

MODES = [  # (tls, sasl, dialback): combinations that pass the matrix
    ("required", "optional", "true"), ("required", "optional", "false"),
    ("required", "not-supported", "true"), ("required", "required", "false"),
    ("optional", "not-supported", "true"),
]
TYPES = ["federated", "public-verified", "public-unverified"]
TLDS = ["com", "net", "org", "de", "fr", "example"]
IDN = ["xn--mller-kva", "xn--bcher-kva", "xn--caf-dma", "xn--80akhbyknj4f"]
WORDS = ["Contoso", "Fabrikam", "Litware", "Northwind", "Tailspin", "Adatum",
         "partner", "chat", "federation", "Ltd.", "Inc.", "GmbH", "team",
         "support", "sales", "verified", "since 2019", "EU", "ops"]


def partner(r, i):
    base = "p%d-%s" % (i, r.choice(["corp", "chat", "xmpp", "im", "org"]))
    if r.random() < 0.02:
        base = "%s.p%d" % (r.choice(IDN), i)
    dom = "%s.%s" % (base, r.choice(TLDS))
    tls, sasl, db = r.choice(MODES)
    lines = ['  {', '    domain = "%s";' % dom]
    if r.random() < 0.6:
        desc = " ".join(r.choice(WORDS) for _ in range(r.randint(2, 5)))
        lines.append('    description = "%s";' % desc)
    extra = r.randint(0, 3)
    if extra:
        lines.append('    additional_domains = [ %s ];' % ", ".join(
            '"%s.%s"' % (sub, dom) for sub in ["a", "b", "c"][:extra]))
    lines.append('    partner_type = "%s";' % r.choice(TYPES))
    lines.append('    tls = "%s";' % tls)
    lines.append('    sasl = "%s";' % sasl)
    lines.append('    dialback = %s;' % db)
    if r.random() < 0.1:
        lines.append('    connection_limit = %d;' % r.randint(1, 50))
    return "\n".join(lines) + "\n  }"


def main():
    n = int(sys.argv[1])
    r = random.Random(n)
    out = sys.stdout
    out.write('version = 1;\n\ngateway = {\n  local_domain = "contoso.com";\n'
              '  test_timeout = 10;\n};\n\npartners = (\n')
    out.write(",\n".join(partner(r, i) for i in range(1, n + 1)))
    out.write("\n);\n")


if __name__ == "__main__":
    main()
