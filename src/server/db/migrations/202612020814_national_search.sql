-- Member search by code (`upper(code) LIKE 'Q%'`, see members.service): a prefix on the
-- upper-cased code is a range on this index. The search ORs it with the folded-name trigram
-- index, and an OR is only an index search when both sides have one: with `code ILIKE` (no
-- index) every search read the whole members table (2 s at 100,000 members, minutes at the
-- country's 5,600,000).
CREATE INDEX members_code_upper_prefix ON members (upper(code) text_pattern_ops);
