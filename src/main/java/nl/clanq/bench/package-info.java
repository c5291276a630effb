/**
 * Benchmark support: a generator that fills an empty database with a deterministic community at a
 * chosen scale, for load tests (issue #10). Nothing depends on this module.
 *
 * <p>Run it with demo mode off on its own embedded data directory and search directory. Outside
 * demo mode Clanq needs an encryption key for private messages; keep the key beside the data, since
 * the load test (and any later start) must read the same messages:
 *
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mkdir -p data &amp;&amp; [ -f data/bench-key ] || head -c 32 /dev/urandom | base64 &gt; data/bench-key
 * export CLANQ_CRYPTO_KEYS_BENCH="$(cat data/bench-key)" CLANQ_CRYPTO_CURRENTKEY=bench
 * ./mvnw -B -q spring-boot:run -Dspring-boot.run.arguments="--clanq.dataset.generate=small \
 *     --clanq.demo.enabled=false --clanq.embedded-db.dir=./data/bench-small \
 *     --clanq.search.dir=./data/bench-small-search"
 * </pre>
 *
 * <p>Scales: {@code large} (the target of issue #10), {@code small} (1/100), {@code tiny} (1/2000).
 * {@code clanq.dataset.seed} (default 20261121) picks the community; the same seed gives the same
 * rows (apart from the encrypted message bodies, whose nonces are random). Members sign in as
 * {@code lid1@bench.clanq.test} … {@code lid<n>@bench.clanq.test} with {@code clanq.dataset.password}
 * (default {@code Clanq-bench-2026!}). After loading, the application stays up and serves the
 * dataset; the search index is rebuilt in the background and its size is logged when done. Later
 * starts leave out {@code --clanq.dataset.generate} (a second run refuses: the database is no
 * longer empty).
 */
@org.springframework.modulith.ApplicationModule
package nl.clanq.bench;
