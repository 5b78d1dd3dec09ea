-- Finding a worker by any word of his names (« DA SILVA Julien », « Marie-Claire »), whatever
-- the accents and case: a normalised text of the names, starting with a space so that
-- `like '% word%'` matches the start of any word, served by a trigram index.
create extension if not exists pg_trgm;

alter table worker add column search_text text generated always as (
  ' ' || translate(lower(birth_name || ' ' || coalesce(usage_name, '') || ' ' || first_names),
                   'àâäáãåçéèêëíìîïñóòôöõúùûüýÿæœ-''',
                   'aaaaaaceeeeiiiinooooouuuuyyeo  ')
) stored;

create index worker_search_trgm on worker using gin (search_text gin_trgm_ops);
