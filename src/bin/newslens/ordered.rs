//! `--jobs N`: items made by one thread, worked on by N, handed back in
//! their original order, in constant memory.
//!
//! Every queue is bounded. The producer gives each item a one-slot channel
//! for its result and queues that channel's receiving end, in order, for the
//! consumer: the consumer waits on the oldest item's slot while the workers
//! fill later ones, and the producer stops when `4 * jobs` items are in
//! flight. So at most that many items (and their results) are held,
//! whatever the input's length, and a slow item holds up only the output.

use std::num::NonZeroUsize;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread;

/// A worker's stack: what Linux gives a main thread (a spawned thread gets 2 MiB).
const STACK_BYTES: usize = 8 << 20;

/// Runs `work` over every item of `items` on `jobs` threads and calls
/// `consume` with the results in the items' order. Stops early (and returns
/// its error) when `consume` fails or a thread cannot be started.
///
/// The producer and workers are detached threads: when `consume` fails (a
/// closed stdout), returning must not wait for a read of stdin that may
/// never end; they stop at their next send, or with the process.
pub fn map_in_order<I, O, E>(
    items: impl Iterator<Item = I> + Send + 'static,
    jobs: NonZeroUsize,
    work: impl Fn(I) -> O + Send + Sync + 'static,
    mut consume: impl FnMut(O) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send + 'static,
    O: Send + 'static,
    E: From<std::io::Error>,
{
    let jobs = jobs.get();
    let (work_tx, work_rx) = sync_channel::<(I, SyncSender<O>)>(jobs);
    let (order_tx, order_rx) = sync_channel::<Receiver<O>>(2 * jobs);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let work = Arc::new(work);
    for _ in 0..jobs {
        let (work_rx, work) = (Arc::clone(&work_rx), Arc::clone(&work));
        // The main thread's stack size, so that a text annotates on a
        // worker exactly as it does without --jobs.
        let spawned = thread::Builder::new().stack_size(STACK_BYTES).spawn(move || {
            loop {
                // The lock is held only to take the next item.
                let next = match work_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((item, slot)) = next else { return };
                if slot.send(work(item)).is_err() {
                    return;
                }
            }
        });
        spawned?;
    }
    thread::Builder::new().spawn(move || {
        for item in items {
            let (slot, result) = sync_channel(1);
            if work_tx.send((item, slot)).is_err() || order_tx.send(result).is_err() {
                return;
            }
        }
    })?;
    for result in order_rx {
        // A worker that died (it cannot: `work` does not panic on input)
        // drops the slot; the item is then lost rather than the run hung.
        if let Ok(out) = result.recv() {
            consume(out)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_come_in_order_with_a_bounded_number_in_flight() {
        let in_flight = Arc::new(AtomicUsize::new(0));
        let max_seen = Arc::new(AtomicUsize::new(0));
        let (a, b) = (Arc::clone(&in_flight), Arc::clone(&max_seen));
        let items = (0..2000u64).map(move |i| {
            let now = a.fetch_add(1, Ordering::SeqCst) + 1;
            b.fetch_max(now, Ordering::SeqCst);
            i
        });
        let mut got = Vec::new();
        let jobs = NonZeroUsize::new(3).expect("3");
        let r: std::io::Result<()> = map_in_order(
            items,
            jobs,
            // Uneven work, so later items often finish first.
            |i| {
                thread::sleep(std::time::Duration::from_micros((i * 7919) % 300));
                i * 2
            },
            |out| {
                in_flight.fetch_sub(1, Ordering::SeqCst);
                got.push(out);
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(got, (0..2000).map(|i| i * 2).collect::<Vec<_>>());
        // Queued for work, being worked on, queued for output, plus one
        // being made and one being consumed.
        assert!(max_seen.load(Ordering::SeqCst) <= 4 * 3 + 2, "{}", max_seen.load(Ordering::SeqCst));
    }

    #[test]
    fn a_failing_consumer_stops_the_run() {
        let mut n = 0;
        let r = map_in_order(0..u64::MAX, NonZeroUsize::MIN, |i| i, |_| {
            n += 1;
            if n == 10 { Err(std::io::Error::other("closed")) } else { Ok(()) }
        });
        assert_eq!(r.map_err(|e| e.to_string()), Err("closed".to_string()));
    }
}
