-- Member search by words: "dang vien 4242" finds "Đảng viên 4242…" as each typed word being the
-- start of a word of the folded name. The trigram index answered a substring, but at the
-- country's 5,600,000 members the trigrams every name shares ("dan", "ang", "yen", "van") made it
-- read hundreds of thousands of candidates (771 ms for one search); the words' posting lists
-- are as short as the rarest typed word. The trigram index stays for the roll's other searches.
CREATE INDEX members_name_words ON members USING gin (to_tsvector('simple', vn_fold(full_name)));
