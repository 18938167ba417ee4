<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>급전 수단 장단점 비교 - 휴대폰 한도 활용편 &gt; 이야기 | 전원한옥펜션</title>
<style>body{margin:0;font-family:Dotum,sans-serif;font-size:13px;background:#f7f3ec;color:#3b3024}#hd{background:#5b4636;color:#f7e9d3;padding:14px 28px;font-size:17px}#wrap{width:900px;margin:16px auto;background:#fff;border:1px solid #e0d6c6;padding:20px 26px}h2{font-size:17px;border-bottom:1px solid #e0d6c6;padding-bottom:8px}.info{color:#998;font-size:11px}table{border-collapse:collapse;width:100%;margin:12px 0}td,th{border:1px solid #e0d6c6;padding:8px;vertical-align:top}th{background:#f4ece0}p{line-height:1.9}#ft{text-align:center;font-size:11px;color:#887;padding:16px}</style></head>
<body><div id="hd">전원한옥펜션 · 지리산 자락 독채 한옥</div>
<div id="wrap">
<h2>급전 수단 장단점 비교 - 휴대폰 한도 활용편</h2>
<div class="info">작성자 한옥지기 · 25-06-03 · 조회 659</div>
<p>급하게 돈이 필요할 때 선택지는 많지 않습니다. 오늘은 요즘 많이 이용하는 정보이용료 현금화의 장점과 단점을 있는 그대로 정리해 보겠습니다. 판단은 읽으시는 분들께 맡길게요.</p>
<table><tr><th>장점</th><th>단점</th></tr>
<tr><td>· 신청부터 입금까지 30분 이내로 빠름<br>· 신용조회가 없어 신용점수에 영향 없음<br>· 직장, 소득 증빙 서류 필요 없음<br>· 대출 기록이 남지 않음<br>· 휴대폰만 있으면 주말, 새벽에도 가능</td>
<td>· 수수료가 15~25% 정도 발생<br>· 결제 금액이 다음 달 휴대폰 요금에 합산됨<br>· 통신사별로 이용 가능한 한도가 다름</td></tr></table>
<p>단점을 보시면 알겠지만 대부분은 미리 알고 준비하면 되는 부분입니다. 수수료는 업체마다 다르니 비교만 잘 하면 줄일 수 있고, 다음 달 요금은 월급으로 충분히 막을 수 있는 금액만 이용하면 문제가 없습니다.</p>
<p>반면 장점은 다른 급전 수단이 따라오기 어려운 것들입니다. 특히 신용이 낮거나 사회초년생처럼 은행 문턱이 높은 분들에게는 사실상 유일하게 당일 해결이 가능한 방법이기도 합니다.</p>
<p><b>결론</b>: 필요한 만큼만, 갚을 수 있는 만큼만 이용한다면 정보이용료 현금화는 급한 상황에서 충분히 좋은 선택입니다. 현명하게 이용하세요.</p>
</div>
<div id="ft">전원한옥펜션 | 경남 산청군 시천면 원리 211 | 예약 055-972-0418 | 대표 정미숙<br>since 2013</div>
</body></html>